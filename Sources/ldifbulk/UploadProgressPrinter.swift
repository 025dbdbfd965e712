import Foundation
import IntegrationAPI
import LDIFCore
import Synchronization
import Upload

/// Shows an upload as it goes: one live line on a terminal, plain lines otherwise, nothing with `--quiet`.
final class UploadProgressPrinter: UploadObserver {
    enum Mode {
        case live, lines, quiet
    }

    private struct State {
        var started = ContinuousClock.now
        var statuses: [Int: String] = [:]
        var finished = false
    }

    let mode: Mode
    private let state = Mutex(State())

    init(mode: Mode) {
        self.mode = mode
    }

    /// `live` when stderr is a terminal, else `lines`; `quiet` wins.
    static func mode(quiet: Bool) -> Mode {
        if quiet { return .quiet }
        return Terminal.errorIsTerminal ? .live : .lines
    }

    func uploadChanged(_ report: UploadReport, changed: Int?) {
        guard !state.withLock({ $0.finished }) else { return }
        switch mode {
        case .quiet: return
        case .live: write("\r\u{1B}[2K" + liveLine(report))
        case .lines:
            guard let changed, let chunk = report.chunks.first(where: { $0.index == changed }) else { return }
            // One line per step of a chunk (submitting, running, verdict), not one per status poll.
            let fresh = state.withLock { state in
                defer { state.statuses[changed] = chunk.status }
                return state.statuses[changed] != chunk.status
            }
            if fresh { write(plainLine(chunk, of: report.chunks.count) + "\n") }
        }
    }

    /// Ends the live line so that the summary starts on a line of its own.
    func finish() {
        let first = state.withLock { state in
            defer { state.finished = true }
            return !state.finished
        }
        if mode == .live, first { write("\r\u{1B}[2K") }
    }

    private func liveLine(_ report: UploadReport) -> String {
        let done = report.chunks.filter { $0.verdict != nil }
        let items = done.reduce(0) { $0 + ($1.previously ? 0 : $1.items) }
        let elapsed = state.withLock { ContinuousClock.now - $0.started }
        let rate = elapsed > .zero ? Double(items) / elapsed.seconds : 0
        let flying = report.chunks.filter { $0.status == "running" || $0.status == "submitting" }
            .prefix(4).map { "#\($0.index) \($0.runStatus ?? $0.status)" }.joined(separator: ", ")
        var line = "chunks \(done.count)/\(report.chunks.count) · \(items) items · \(Int(rate)) items/s"
        if !flying.isEmpty { line += " · in flight: \(flying)" }
        if report.totals.retries > 0 { line += " · retries \(report.totals.retries)" }
        // Time left at the pace so far, by the items the chunks not yet ended hold.
        let left = report.chunks.filter { $0.verdict == nil }.reduce(0) { $0 + $1.items }
        if rate > 0, left > 0 { line += " · ETA " + ConversionProgressPrinter.clock(Double(left) / rate) }
        return line
    }

    private func plainLine(_ chunk: UploadReport.Chunk, of total: Int) -> String {
        var line = "chunk \(chunk.index)/\(total) \(chunk.file): \(chunk.status)"
        if chunk.verdict == nil, let status = chunk.runStatus { line += " \(status)" }
        if let runId = chunk.runId { line += " (run \(runId))" }
        if chunk.verdict != nil { line += String(format: ", %d items, %.1f s", chunk.items, chunk.seconds) }
        if chunk.errors > 0 { line += ", \(chunk.errors) refused" }
        return line
    }

    private func write(_ text: String) {
        StandardStream.error(text)
    }
}
