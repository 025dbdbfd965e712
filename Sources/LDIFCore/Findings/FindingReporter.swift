import Foundation

/// Collects findings: counts them, prints the first ones to standard error as
/// `file:line: rule: severity: message`, and writes all of them to `findings.jsonl`.
public final class FindingReporter {
    public private(set) var errors = 0
    public private(set) var warnings = 0
    public private(set) var printed = 0
    let maxPrinted: Int
    let print: (String) -> Void
    var jsonl: FileOutput?
    /// The first write error of `findings.jsonl`, reported when it is closed.
    var writeError: ConversionError?

    /// - Parameters:
    ///   - maxPrinted: how many findings go to standard error; the rest are counted (and in the file).
    ///   - print: where one line goes (standard error by default).
    public init(maxPrinted: Int = 50, print: @escaping (String) -> Void = FindingReporter.standardError) {
        self.maxPrinted = maxPrinted
        self.print = print
    }

    /// Also writes every finding, as one JSON object per line, to `path`.
    public func writeJSONLines(to path: String) throws(ConversionError) {
        jsonl = try FileOutput(path: path, capacity: 1 << 16)
    }

    public func add(_ finding: Finding) {
        switch finding.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        }
        if printed < maxPrinted {
            printed += 1
            print(finding.line)
        }
        if let jsonl, writeError == nil {
            do throws(ConversionError) {
                try jsonl.append { FindingLine.append(finding, to: &$0) }
            } catch {
                writeError = error
            }
        }
    }

    public var counts: Manifest.FindingCounts {
        var counts = Manifest.FindingCounts()
        counts.error = errors
        counts.warning = warnings
        return counts
    }

    /// Closes the file and says how many findings were not printed.
    public func finish() throws(ConversionError) {
        let hidden = errors + warnings - printed
        if hidden > 0 {
            let place = jsonl.map { " (all of them are in \($0.path))" } ?? ""
            print("… and \(hidden) more finding\(hidden == 1 ? "" : "s")\(place)")
        }
        let output = jsonl
        jsonl = nil
        if let writeError { throw writeError }
        try output?.close()
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        StandardStream.error(line + "\n")
    }
}
