import Dispatch
import LDIFCore

/// One live line on a terminal while a conversion runs: records read, bytes of the inputs read (every
/// phase counts), the speed, the share done and the time left. Nothing when standard error is not a
/// terminal (a log wants the summary, not a line redrawn twice a second).
final class ConversionProgressPrinter: @unchecked Sendable {  // the timer is set in init and cancelled once
    let progress = ConversionProgress()
    private let timer: DispatchSourceTimer?
    private let started = ContinuousClock.now

    init(live: Bool) {
        guard live else {
            timer = nil
            return
        }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        self.timer = timer
        timer.schedule(deadline: .now() + .milliseconds(500), repeating: .milliseconds(500))
        timer.setEventHandler { [self] in StandardStream.error("\r\u{1B}[2K" + line()) }
        timer.resume()
    }

    /// Prints a finding's line: over the live line, which the next tick draws again below it.
    func print(_ text: String) {
        StandardStream.error((timer == nil ? "" : "\r\u{1B}[2K") + text + "\n")
    }

    /// Stops the line and clears it, so that the summary starts on a line of its own.
    func finish() {
        guard let timer else { return }
        timer.cancel()
        StandardStream.error("\r\u{1B}[2K")
    }

    func line() -> String {
        let seconds = max((ContinuousClock.now - started).seconds, 0.001)
        let read = progress.bytesRead
        let expected = progress.bytesExpected
        var parts = [
            "converting: \(progress.records) records", String(format: "%.1f MB/s", Double(read) / 1e6 / seconds),
        ]
        if expected > 0 {
            let share = min(Double(read) / Double(expected), 1)
            parts.insert(
                "\(Terminal.bytes(Int(read))) of \(Terminal.bytes(Int(expected))) (\(Int(share * 100))%)", at: 1)
            if read > 0, share < 1 { parts.append("ETA " + Self.clock(seconds * (1 - share) / share)) }
        }
        return parts.joined(separator: " · ")
    }

    /// `1:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total % 3600 / 60, total % 60)
        let tail = "\(rest < 10 ? "0" : "")\(rest)"
        return hours > 0 ? "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(tail)" : "\(minutes):\(tail)"
    }
}
