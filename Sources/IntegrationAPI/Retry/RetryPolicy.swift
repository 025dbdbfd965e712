/// Which failed requests are tried again, when, and how often.
///
/// 429 is retried after `Retry-After` when the server sends one, else after
/// the backoff; 502, 503, 504 and connection errors after the backoff; any
/// other 4xx or 5xx is final. No request is tried more than `maxAttempts`
/// times in all.
public struct RetryPolicy: Sendable, Equatable {
    /// What went wrong with one attempt.
    public enum Failure: Sendable, Equatable {
        /// The server answered with a status that is not 2xx.
        case status(Int, retryAfter: Duration?)
        /// No answer: connection refused, reset or closed, or a timeout.
        case transport
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        case retry(after: Duration)
        case giveUp
    }

    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var backoff: Backoff
    /// A `Retry-After` longer than this is cut to it, so that one odd answer cannot stall an upload.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 8, backoff: Backoff = Backoff(), maxRetryAfter: Duration = .seconds(300)) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
        self.maxRetryAfter = maxRetryAfter
    }

    /// Whether a failure may go away by itself when the same request is repeated.
    public static func isTransient(_ failure: Failure) -> Bool {
        switch failure {
        case .transport: true
        case .status(let code, _): code == 429 || code == 502 || code == 503 || code == 504
        }
    }

    /// The decision after attempt number `attempt` (1-based) failed with `failure`.
    public func decision(after failure: Failure, attempt: Int, random: RandomSource) -> Decision {
        guard Self.isTransient(failure), attempt < maxAttempts else { return .giveUp }
        if case .status(429, let retryAfter?) = failure {
            return .retry(after: min(max(retryAfter, .zero), maxRetryAfter))
        }
        return .retry(after: backoff.delay(beforeRetry: attempt, random: random))
    }
}
