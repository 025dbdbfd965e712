/// Where a record, a field or a finding came from.
///
/// Every stage passes the location on, so that an answer from the server about
/// an item can be joined back to the row that produced it.
public struct SourceLocation: Sendable, Hashable, Codable {
    /// The input file as the user named it (`-` for standard input).
    public var file: String
    /// The physical line (1-based) the record starts on; 0 when unknown.
    public var line: Int
    /// The record number, 1-based per input file; 0 when the location is not a record.
    public var record: Int
    /// A column (1-based) for parse errors, when the parser knows one.
    public var column: Int?
    /// A JSON Pointer to the record, for JSON inputs (`/components/17`).
    public var pointer: String?
    /// The worksheet, for workbook inputs; `line` is then the row number as Excel shows it.
    public var sheet: String?

    public init(
        file: String, line: Int, record: Int = 0, column: Int? = nil, pointer: String? = nil, sheet: String? = nil
    ) {
        self.file = file
        self.line = line
        self.record = record
        self.column = column
        self.pointer = pointer
        self.sheet = sheet
    }

    /// `file:line` (or `file:line:column`), the form editors jump to; for a workbook
    /// `file:Sheet:row`, or `file:Sheet!C17` for one cell.
    public var description: String {
        if let sheet {
            guard line > 0 else { return "\(file):\(sheet)" }
            guard let column, column > 0 else { return "\(file):\(sheet):\(line)" }
            return "\(file):\(sheet)!\(Self.columnLetters(column))\(line)"
        }
        var text = line > 0 ? "\(file):\(line)" : file
        if let column, line > 0 { text += ":\(column)" }
        return text
    }

    /// Excel's letters of a 1-based column (`1` → `A`, `27` → `AA`).
    public static func columnLetters(_ column: Int) -> String {
        var number = column
        var letters: [UInt8] = []
        while number > 0 {
            letters.append(UInt8(65 + (number - 1) % 26))
            number = (number - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
