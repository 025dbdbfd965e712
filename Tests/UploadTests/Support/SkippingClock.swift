import IntegrationAPI
import Synchronization

/// A real clock whose long sleeps are cut short: time jumps ahead by the part not slept.
///
/// End-to-end tests use it so that a `Retry-After: 1` or a backoff costs
/// milliseconds while the uploader still sees the full delay on its clock;
/// every requested sleep is recorded for the test to check.
final class SkippingClock: APIClock {
    private let base = SystemClock()
    private let longest: Duration
    private let state = Mutex((skipped: Duration.zero, sleeps: [Duration]()))

    /// - Parameter longest: the most any one sleep really waits.
    init(longest: Duration = .milliseconds(10)) {
        self.longest = longest
    }

    var now: Duration { base.now + state.withLock { $0.skipped } }

    /// Every sleep asked for, at its full length.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Duration) async throws {
        try await sleep(for: deadline - now)
    }

    func sleep(for duration: Duration) async throws {
        let wanted = max(duration, .zero)
        state.withLock { $0.sleeps.append(wanted) }
        let real = min(wanted, longest)
        try await base.sleep(for: real)
        state.withLock { $0.skipped += wanted - real }
    }
}
