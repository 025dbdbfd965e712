/// Where jitter comes from: uniform numbers in `0..<1`.
///
/// Injected beside the clock so that backoff delays are reproducible in tests.
public struct RandomSource: Sendable {
    private let draw: @Sendable () -> Double

    /// A source that calls `draw` for each number; `draw` must answer values in `0..<1`.
    public init(_ draw: @escaping @Sendable () -> Double) {
        self.draw = draw
    }

    /// The system's random number generator.
    public static let system = RandomSource { Double.random(in: 0..<1) }

    /// A source that always answers `value` (clamped into `0..<1`).
    public static func constant(_ value: Double) -> RandomSource {
        let clamped = min(max(value, 0), 0.999_999_999)
        return RandomSource { clamped }
    }

    /// The next number in `0..<1`.
    public func unit() -> Double {
        min(max(draw(), 0), 0.999_999_999)
    }
}
