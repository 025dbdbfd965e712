/// The time that retries, polling, token expiry and the request budget read and wait on.
///
/// Injected everywhere time matters, so that tests of backoff, expiry and
/// timeouts run in milliseconds on a clock they advance themselves.
public protocol APIClock: Sendable {
    /// Time since a fixed origin; only differences between two readings mean something.
    var now: Duration { get }

    /// Suspends until `now` reaches `deadline`.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(until deadline: Duration) async throws

    /// Suspends for `duration` from now; returns at once for zero or negative durations.
    ///
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    func sleep(for duration: Duration) async throws
}

extension APIClock {
    public func sleep(for duration: Duration) async throws {
        guard duration > .zero else { return try Task.checkCancellation() }
        try await sleep(until: now + duration)
    }
}

/// The real monotonic clock: `ContinuousClock`, counted from the moment it was made.
public struct SystemClock: APIClock {
    private let origin: ContinuousClock.Instant

    public init() {
        origin = ContinuousClock.now
    }

    public var now: Duration { ContinuousClock.now - origin }

    public func sleep(until deadline: Duration) async throws {
        try await ContinuousClock().sleep(until: origin + deadline, tolerance: nil)
    }
}

extension Duration {
    /// The duration in seconds as a `Double`, for arithmetic and display.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }

    /// A duration from seconds given as a `Double`; negative values become zero.
    public static func seconds(double value: Double) -> Duration {
        guard value > 0, value.isFinite else { return .zero }
        return .nanoseconds(Int64((value * 1e9).rounded()))
    }
}
