public import Foundation
import LDIFCore

/// `errors.csv`: one row per failed record or item from every stage, the file to open in a spreadsheet.
///
/// Parse and mapping errors come from `findings.jsonl` as `convert` wrote
/// it; upload errors are the items the server refused, joined to their source.
/// The file starts with a UTF-8 byte-order mark, so that spreadsheets read it
/// as UTF-8, and no cell can be taken for a formula (see ``neutralized(_:)``).
public enum ErrorsCSV {
    public static let columns = [
        "file", "line", "record", "pointer", "field", "type", "id", "stage", "rule", "message", "sheet",
    ]

    /// Writes `url` atomically from the error findings in `findings` and the upload's `itemErrors`.
    ///
    /// - Returns: the number of rows written.
    @discardableResult
    public static func write(findings: URL, itemErrors: [ItemError], to url: URL) throws -> Int {
        var rows = 0
        let decoder = JSONDecoder()
        let temporary = url.path + ".tmp"
        let output = try FileOutput(path: temporary)
        try output.write("\u{FEFF}" + columns.joined(separator: ",") + "\r\n")
        try JSONLines.forEach(findings) { line in
            guard let finding = try? decoder.decode(Finding.self, from: line), finding.severity == .error else {
                return
            }
            try output.write(row(finding))
            rows += 1
        }
        for error in itemErrors {
            try output.write(row(error))
            rows += 1
        }
        try output.close()
        if rename(temporary, url.path) != 0 { throw ConversionError.io("rename", path: url.path, errno: errno) }
        return rows
    }

    static func row(_ finding: Finding) -> String {
        let location = finding.location
        return line([
            location?.file, location.map { "\($0.line)" }, location.map { "\($0.record)" }, location?.pointer,
            finding.field, finding.itemType, finding.itemId, finding.stage.rawValue, finding.rule ?? finding.code,
            finding.message, location?.sheet,
        ])
    }

    static func row(_ error: ItemError) -> String {
        let source = error.source
        return line([
            source?.file, source.map { "\($0.line)" }, source.map { "\($0.record)" }, source?.pointer, nil, error.type,
            error.id, Finding.Stage.upload.rawValue, error.rule, error.message, source?.sheet,
        ])
    }

    static func line(_ fields: [String?]) -> String {
        fields.map { escape(neutralized($0 ?? "")) }.joined(separator: ",") + "\r\n"
    }

    /// Characters that make a spreadsheet read a cell as a formula when they start it.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// The cell with a single quote before it when it starts like a formula, as OWASP advises against
    /// CSV injection (`=HYPERLINK(...)` becomes `'=HYPERLINK(...)`); any other cell unchanged.
    static func neutralized(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, formulaStarts.contains(first) else { return field }
        return "'" + field
    }

    /// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
    static func escape(_ field: String) -> String {
        // By scalar: a CRLF pair is a single Character and would slip past a Character test.
        let special = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard special else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
