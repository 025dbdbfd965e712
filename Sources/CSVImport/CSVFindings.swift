import LDIFCore

/// The findings of one CSV input: each names the file, line, record and column,
/// says what is wrong and what to do.
struct CSVFindings {
    let file: String
    let encoding: SourceOptions.Encoding
    /// Column names, for messages (positions when the file has none).
    var names: [String] = []
    /// Where the column count comes from, for ragged-row messages ("the header names").
    var columnSource = "the header names"
    var maxFieldBytes = 0

    func name(of column: Int) -> String {
        column < names.count ? names[column] : "\(column + 1)"
    }

    private func error(_ code: String, _ message: String, _ location: SourceLocation, column: Int? = nil) -> Finding {
        Finding(.error, .parse, code: code, message: message, location: location, field: column.map(name(of:)))
    }

    /// The finding that rejects a record.
    func rejection(_ problem: RowProblem, at location: SourceLocation, columns: Int) -> Finding {
        let record = "record \(location.record)"
        switch problem {
        case .ragged(let fields):
            return error(
                "ragged-row",
                "\(record) has \(fields) field\(fields == 1 ? "" : "s") but \(columnSource) \(columns) column\(columns == 1 ? "" : "s"): "
                    + "the row is rejected, not padded (a value that holds the delimiter must be quoted)", location)
        case .invalidText(let column, let offset, let byte):
            return error(
                encodingCode, "\(record): column '\(name(of: column))' \(invalidText(byte: byte, offset: offset))",
                location, column: column)
        case .strayQuote(let column, let line):
            return error(
                "stray-quote",
                "\(record): column '\(name(of: column))' (line \(line)) has text after its closing quote: "
                    + "a quote inside a quoted value must be doubled (\"\"); the record is rejected", location,
                column: column)
        case .fieldTooLong(let column, let start, let quoted, let end):
            return error(
                "field-too-long", tooLong(record, column: column, start: start, quoted: quoted, end: end ?? start),
                location, column: column)
        }
    }

    private var encodingCode: String { encoding == .utf8 ? "invalid-utf8" : "invalid-encoding" }

    private func invalidText(byte: UInt8, offset: Int) -> String {
        let hex = "0x" + String(byte, radix: 16, uppercase: true)
        switch encoding {
        case .utf8, .latin1:
            return "is not valid UTF-8 (byte \(hex) at byte \(offset + 1) of the value): the record is rejected; "
                + "if the file is not UTF-8, set encoding (latin1, windows-1252 or utf-16) in the mapping's source:"
        case .utf16:
            return
                "is not valid UTF-16 (an unpaired surrogate, or an odd byte at the end of the file): the record is rejected; "
                + "check encoding in the mapping's source:"
        case .windows1252:
            return
                "holds a byte that windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90 or 0x9D): the record is rejected; "
                + "the file is probably in another encoding: check encoding in the mapping's source:"
        }
    }

    private func tooLong(_ record: String, column: Int, start: Int, quoted: Bool, end: Int) -> String {
        let limit = "\(maxFieldBytes) bytes (--max-field-bytes)"
        guard quoted else {
            return "\(record): column '\(name(of: column))' on line \(start) is longer than \(limit) and not quoted: "
                + "check the delimiter, or raise --max-field-bytes; the record is rejected"
        }
        return "\(record): column '\(name(of: column))' is longer than \(limit), almost always a stray quote: "
            + "the quote that opens it is on line \(start) and the field runs to line \(end). "
            + "The record is rejected and reading goes on after that field"
    }

    /// The finding for a record cut off by the end of the input inside a quoted field.
    func unterminated(
        column: Int, problem: RowProblem?, quoteLine: Int, at location: SourceLocation, maxFieldBytes: Int
    )
        -> Finding
    {
        var message =
            "record \(location.record): the quote that opens column '\(name(of: column))' on line \(quoteLine) is never closed"
        if case .fieldTooLong(let overflowing, let start, _, _) = problem, overflowing == column {
            message =
                "record \(location.record): the quote that opens column '\(name(of: column))' on line \(start) is never closed: "
                + "the rest of the file (to line \(quoteLine)) is inside it, more than \(maxFieldBytes) bytes; almost always a stray quote"
        }
        message +=
            ". The record is rejected (the records before it are kept); close the quote, or double a quote inside a value (\"\")"
        return error("unterminated-quote", message, location, column: column)
    }

    /// Warnings about the header row: empty names and names used twice.
    func headerProblems(_ header: [String], line: Int) -> [Finding] {
        let location = SourceLocation(file: file, line: line)
        var first: [String: Int] = [:]
        var found: [Finding] = []
        for (column, name) in header.enumerated() {
            if name.isEmpty {
                found.append(
                    Finding(
                        .warning, .parse, code: "empty-header",
                        message:
                            "column \(column + 1) has an empty name in the header: the mapping cannot use it by name",
                        location: location))
            } else if let earlier = first[name] {
                found.append(
                    Finding(
                        .warning, .parse, code: "duplicate-header",
                        message:
                            "column \(column + 1) is named '\(name)' like column \(earlier + 1): '\(name)' means column \(earlier + 1) "
                            + "in the mapping and column \(column + 1) cannot be used; rename one of them in the header",
                        location: location, field: name))
            } else {
                first[name] = column
            }
        }
        return found
    }
}
