import ArgumentParser

/// A duration on the command line: `90s`, `30m`, `2h`, `1500ms`, or plain seconds; from 1 ms to 366 days.
struct TimeSpan: ExpressibleByArgument, Sendable, Equatable {
    /// The longest span accepted (longer ones are typing mistakes, and would overflow a clock).
    static let maxSeconds: Double = 366 * 86_400

    var duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let text = argument.lowercased()
        let unit = units.first { text.hasSuffix($0.suffix) && Double(text.dropLast($0.suffix.count)) != nil }
        guard let number = Double(unit.map { String(text.dropLast($0.suffix.count)) } ?? text), number.isFinite
        else { return nil }
        let seconds = number * (unit?.seconds ?? 1)
        guard seconds >= 0.001, seconds <= Self.maxSeconds else { return nil }
        duration = .nanoseconds(Int64((seconds * 1e9).rounded()))
    }

    var defaultValueDescription: String {
        let (seconds, attoseconds) = duration.components
        if attoseconds != 0 { return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
