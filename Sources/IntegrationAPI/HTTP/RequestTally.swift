import Synchronization

/// Counts of the requests made for one purpose (one chunk, or the whole upload).
public struct RequestCounts: Sendable, Equatable, Codable {
    /// Requests sent, retries and the token exchange included.
    public var requests = 0
    /// Answers that were not 2xx, and requests that got no answer.
    public var httpErrors = 0
    /// Requests repeated after a transient failure.
    public var retries = 0

    public init() {}
}

/// A thread-safe counter of requests that callers pass along with their calls.
public final class RequestTally: Sendable {
    private let counts = Mutex(RequestCounts())

    public init() {}

    /// The counts so far.
    public var snapshot: RequestCounts { counts.withLock { $0 } }

    func record(_ change: (inout RequestCounts) -> Void) {
        counts.withLock { change(&$0) }
    }
}
