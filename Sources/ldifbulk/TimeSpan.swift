import ArgumentParser

/// A duration on the command line: `90s`, `30m`, `2h`, `1500ms`, or plain seconds.
struct TimeSpan: ExpressibleByArgument, Sendable, Equatable {
    var duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        let units: [(suffix: String, seconds: Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let text = argument.lowercased()
        let unit = units.first { text.hasSuffix($0.suffix) && Double(text.dropLast($0.suffix.count)) != nil }
        guard let number = Double(unit.map { String(text.dropLast($0.suffix.count)) } ?? text), number > 0,
            number.isFinite
        else { return nil }
        duration = .nanoseconds(Int64(number * (unit?.seconds ?? 1) * 1e9))
    }

    var defaultValueDescription: String {
        let (seconds, attoseconds) = duration.components
        if attoseconds != 0 { return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms" }
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
