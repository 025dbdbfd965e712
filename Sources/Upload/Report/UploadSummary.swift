import Foundation

/// The end-of-upload summary for stderr: a table of chunks, the totals, where the report is,
/// and the command that retries what failed.
public enum UploadSummary {
    /// Above this many chunks the table shows only those that did not succeed.
    static let fullTableLimit = 40

    /// - Parameters:
    ///   - report: the finished report.
    ///   - directory: the run directory, as the user named it.
    ///   - retryCommand: the exact command that uploads what is left; shown when something is left.
    public static func text(_ report: UploadReport, directory: String, retryCommand: String) -> String {
        var lines: [String] = []
        let shown =
            report.chunks.count <= fullTableLimit ? report.chunks : report.chunks.filter { $0.verdict != .succeeded }
        if !shown.isEmpty {
            lines.append(row(["chunk", "file", "items", "status", "errors", "seconds", "tries", "run"]))
            lines += shown.map { chunk in
                row([
                    "\(chunk.index)", chunk.file, "\(chunk.items)",
                    chunk.status + (chunk.previously ? " (before)" : ""),
                    "\(chunk.errors)", String(format: "%.1f", chunk.seconds), "\(chunk.attempts)", chunk.runId ?? "-",
                ])
            }
            if shown.count < report.chunks.count {
                lines.append("  (\(report.chunks.count - shown.count) succeeded chunks not listed)")
            }
        }
        lines.append(totalsLine(report))
        for chunk in report.chunks where chunk.verdict != .succeeded && chunk.verdict != nil {
            if let message = chunk.message { lines.append("chunk \(chunk.index): \(message)") }
        }
        lines.append("report: \(directory)/report.json   errors: \(directory)/errors.csv")
        if report.outcome == .chunksFailed { lines.append("to retry what did not go through: \(retryCommand)") }
        return lines.joined(separator: "\n")
    }

    static func totalsLine(_ report: UploadReport) -> String {
        let counts = report.totals.chunks.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(
            separator: ", ")
        var parts = [
            "\(report.chunks.count) chunks: \(counts)",
            "\(report.totals.itemsDelivered) of \(report.totals.items) items delivered",
            "\(report.totals.itemErrors) refused by the server",
        ]
        let rejected = report.totals.findingErrors
        if rejected > 0 { parts.append("\(rejected) row\(rejected == 1 ? "" : "s") rejected by convert") }
        parts.append("\(report.totals.requests) requests, \(report.totals.retries) retries")
        let mode = report.options.testRun ? " (test run: nothing was changed)" : ""
        return parts.joined(separator: " · ") + mode
    }

    private static let widths = [5, 18, 7, 26, 6, 8, 5, 0]

    private static func row(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { position, pair in
            let (cell, width) = pair
            let padding = String(repeating: " ", count: max(0, width - cell.count))
            // Numbers line up on the right, words on the left.
            return [0, 2, 4, 5, 6].contains(position) ? padding + cell : cell + padding
        }.joined(separator: "  ")
    }
}
