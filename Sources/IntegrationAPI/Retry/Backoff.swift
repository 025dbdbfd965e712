/// Exponential backoff with jitter: `initial * 2^(retry-1)`, capped, then jittered.
///
/// The cap is applied before the jitter, so that a long outage settles at
/// delays spread over `cap * (1 - jitter) ... cap` rather than all clients
/// retrying at the same instant.
public struct Backoff: Sendable, Equatable {
    /// The delay before the first retry, before jitter.
    public var initial: Duration
    /// No delay is longer than this.
    public var cap: Duration
    /// The share of each delay that is random: 0.5 draws from `delay/2 ... delay`.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(500), cap: Duration = .seconds(60), jitter: Double = 0.5) {
        self.initial = initial
        self.cap = cap
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The delay before retry number `retry` (1 for the first retry).
    ///
    /// - Parameters:
    ///   - retry: 1-based count of the retry about to be made.
    ///   - random: where the jitter comes from.
    /// - Returns: a delay in `cap(initial * 2^(retry-1)) * (1 - jitter + jitter * r)`.
    public func delay(beforeRetry retry: Int, random: RandomSource) -> Duration {
        let exponent = Double(max(retry, 1) - 1)
        // Work in seconds and cap before scaling, so large exponents cannot overflow.
        let raw = initial.seconds * pow2(exponent)
        let capped = min(raw, cap.seconds)
        let factor = 1 - jitter + jitter * random.unit()
        return .seconds(double: capped * factor)
    }

    private func pow2(_ exponent: Double) -> Double {
        exponent >= 1023 ? .greatestFiniteMagnitude : Double(sign: .plus, exponent: Int(exponent), significand: 1)
    }
}
