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

    public init(file: String, line: Int, record: Int = 0, column: Int? = nil, pointer: String? = nil) {
        self.file = file
        self.line = line
        self.record = record
        self.column = column
        self.pointer = pointer
    }

    /// `file:line` (or `file:line:column`), the form editors jump to.
    public var description: String {
        var text = line > 0 ? "\(file):\(line)" : file
        if let column, line > 0 { text += ":\(column)" }
        return text
    }
}
