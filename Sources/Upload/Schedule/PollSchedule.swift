import IntegrationAPI

/// How often a run's status is asked for: about a tenth of the time it has been running.
///
/// A finish is then seen within about 10% of the run's length, while a long
/// run costs few requests: at least every `minimum` at first, at most every
/// `maximum` later.
public struct PollSchedule: Sendable, Equatable {
    public var minimum: Duration
    public var maximum: Duration
    /// The share of the elapsed time to wait before the next poll.
    public var fraction: Double

    public init(minimum: Duration = .milliseconds(500), maximum: Duration = .seconds(15), fraction: Double = 0.1) {
        self.minimum = minimum
        self.maximum = max(maximum, minimum)
        self.fraction = fraction
    }

    /// The wait before the next poll of a run that has been running for `elapsed`.
    public func interval(afterElapsed elapsed: Duration) -> Duration {
        let proportional = Duration.seconds(double: elapsed.seconds * fraction)
        return min(max(proportional, minimum), maximum)
    }
}
