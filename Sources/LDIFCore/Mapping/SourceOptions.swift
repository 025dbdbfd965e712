/// How to read the inputs: the mapping's `source:` section plus command-line limits.
public struct SourceOptions: Sendable, Equatable {
    public enum Delimiter: Sendable, Equatable {
        /// Sniffed from the first lines; the choice is reported.
        case auto
        case byte(UInt8)
    }

    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case utf16 = "utf-16"
        case latin1
        case windows1252 = "windows-1252"
    }

    /// `csv`, `xml`, `json`, `jsonl` or `xlsx`; nil means "from each file's extension".
    public var format: String?
    public var delimiter: Delimiter = .byte(UInt8(ascii: ","))
    /// Whether the first CSV row names the columns.
    public var header: Bool = true
    /// Whether spaces and tabs around unquoted CSV values are removed (`1, Alpha` reads `Alpha`). Off by
    /// default: RFC 4180 makes them part of the value, as Python's csv, Miller and Excel read it.
    public var trim: Bool = false
    /// Column names when there is no header row.
    public var columns: [String]?
    public var encoding: Encoding = .utf8
    /// The record path for XML and JSON (`/bom/components/component`, `/releases/*`).
    public var records: String?
    /// The worksheets to read, by name or 1-based number (`"*"` for all); nil means the first.
    public var sheets: [String]?
    /// The 1-based row that names the columns of a worksheet (rows above it are ignored).
    public var headerRow: Int = 1
    /// The first 1-based row of a worksheet that is a record; nil means the row after the header.
    public var firstDataRow: Int?
    /// The longest field accepted, in bytes (a longer one is almost always a stray quote).
    public var maxFieldBytes: Int = 1 << 20

    public init() {}

    /// The format of `path` from its extension, or nil when it says nothing.
    public static func format(forExtensionOf path: String) -> String? {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv", "tsv", "txt": return "csv"
        case "xml": return "xml"
        case "json": return "json"
        case "jsonl", "ndjson": return "jsonl"
        case "xlsx", "xlsm": return "xlsx"
        default: return nil
        }
    }

    /// The format to use for `input`: the mapping's, else the extension's, else CSV.
    public func format(for input: InputFile) -> String {
        format ?? Self.format(forExtensionOf: input.name) ?? "csv"
    }
}
