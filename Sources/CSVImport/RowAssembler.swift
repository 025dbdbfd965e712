import LDIFCore

/// Builds records from libcsv's callbacks: values go straight from libcsv's buffer
/// into the reused ``Record``, so a row allocates nothing once the storage has grown.
///
/// It also keeps the position: the physical line a row starts on (line breaks inside
/// quoted fields and empty lines counted, CRLF as one break) and the record number.
struct RowAssembler {
    var record: Record
    /// How many fields a row must have; `Int.max` while the first row is captured.
    var columnCount = Int.max
    let maxFieldBytes: Int
    var findings: CSVFindings
    var sink: (any RecordSink)? {
        didSet { inPlace = sink as? any InPlaceRecordSink }
    }
    /// The sink, when it keeps the storage rows are read into: rows then follow each other in
    /// `record` until the sink takes the storage, instead of being copied out one by one.
    private(set) var inPlace: (any InPlaceRecordSink)?
    /// Where the current row's bytes and values start in `record` (0 unless rows are kept in place).
    private var rowBytes = 0
    private var rowValues = 0

    /// The physical line (1-based) where the current row starts.
    private(set) var line = 1
    /// Line breaks inside the fields of the current row so far.
    var rowBreaks = 0
    /// Records numbered so far (a header row is not a record).
    private(set) var recordNumber = 0
    /// Fields seen in the current row.
    private(set) var fields = 0
    private(set) var problem: RowProblem?
    /// Whether the field in progress is over the limit and its bytes are being dropped.
    private(set) var skippingField = false
    /// Whether the field in progress started with a quote, as far as libcsv has shown
    /// between its calls (a field over the limit always spans calls, see ``CSVImporter/pump(upTo:)``).
    var pendingQuoted = false
    /// The last row ended with CR, so an LF right after it is the rest of a CRLF.
    private var afterCR = false
    /// Whether a row whose one field is all blanks is a blank line (libcsv does not trim, so it
    /// hands such a line on as a field).
    var blankLinesOnly = false
    /// Whether the row's first field is all spaces and tabs.
    private var firstFieldBlank = false

    /// When set, the next row is kept here instead of being handed on (a header, or
    /// the first row of a file whose columns are named by position).
    var capturing = false
    var captured: CapturedRow?

    struct CapturedRow {
        var record: Record
        var fields: Int
        var problem: RowProblem?
    }

    init(file: String, maxFieldBytes: Int, findings: CSVFindings) {
        record = Record(file: file, slotCount: 0)
        self.maxFieldBytes = maxFieldBytes
        self.findings = findings
    }

    /// The line the field in progress started on.
    var fieldLine: Int { line + rowBreaks }

    /// libcsv's field callback.
    @inline(__always)
    mutating func field(_ bytes: UnsafeMutableRawPointer?, _ count: Int) {
        let column = fields
        fields += 1
        if column == 0, blankLinesOnly { firstFieldBlank = Self.allBlank(bytes, count) }
        let quoted = pendingQuoted
        pendingQuoted = false
        let scan = TextScan(bytes, count: count)
        let startLine = fieldLine
        rowBreaks += scan.breaks
        if skippingField || count > maxFieldBytes {
            fieldEnded(column: column, startLine: startLine, quoted: quoted)
        } else if let offset = scan.invalidAt {
            note(
                .invalidText(column: column, offset: offset, byte: bytes!.load(fromByteOffset: offset, as: UInt8.self)))
        }
        if problem == nil && column < columnCount {
            record.append(.string, UnsafeRawBufferPointer(start: bytes, count: count))
        }
    }

    /// libcsv's row callback: `terminator` is CR, LF, or -1 at the end of the input.
    @inline(__always)
    mutating func row(_ terminator: Int32) {
        defer { afterCR = terminator == 0x0D }
        var rejected = false
        if fields == 0 {
            // An empty line, or the LF of a CRLF whose CR ended the row before: not a record.
            if !(terminator == 0x0A && afterCR) { line += 1 }
            return
        }
        if fields == 1, firstFieldBlank, problem == nil, rowBreaks == 0, columnCount != 1 {
            // A line of blanks only: not a record either, where a row needs more than one field (in a
            // one-column file it is a value of blanks, as RFC 4180 reads it).
            line += terminator >= 0 ? 1 : 0
            startRow()
            return
        }
        if capturing {
            captured = CapturedRow(record: record, fields: fields, problem: problem)
            captured!.record.location = SourceLocation(file: record.location.file, line: line, record: 0)
            capturing = false
        } else {
            recordNumber += 1
            record.location.line = line
            record.location.record = recordNumber
            if let problem = finalProblem(fields: fields, problem: problem) {
                sink?.reject(findings.rejection(problem, at: record.location, columns: columnCount))
                rejected = true
            } else {
                hand()
            }
        }
        line += rowBreaks + (terminator >= 0 ? 1 : 0)
        startRow()
        // The rejection may have filled the sink's batch: let it take the rows kept so far.
        if rejected, let inPlace, inPlace.takeStorage(of: &record, onlyIfFull: true) {
            rowBytes = 0
            rowValues = 0
        }
    }

    /// Hands the current row (its values from `rowValues` on) to the sink: in place, or to be copied.
    @inline(__always)
    private mutating func hand() {
        guard let inPlace else {
            sink?.accept(record)
            return
        }
        inPlace.acceptInPlace(record, valuesFrom: rowValues)
        inPlace.takeStorage(of: &record, onlyIfFull: true)
        rowBytes = record.bytes.count
        rowValues = record.values.count
    }

    /// Gives the sink every row kept in place (the reading stops).
    mutating func handOverKeptRows() {
        inPlace?.takeStorage(of: &record, onlyIfFull: false)
        rowBytes = record.bytes.count
        rowValues = record.values.count
    }

    /// A row with the wrong number of fields is ragged, unless a problem that explains it was found first.
    @inline(__always)
    func finalProblem(fields: Int, problem: RowProblem?) -> RowProblem? {
        guard fields != columnCount, (problem?.rank ?? 0) < RowProblem.ragged(fields: 0).rank else { return problem }
        return .ragged(fields: fields)
    }

    /// Hands on the captured first row of a file whose columns are named by position.
    mutating func deliver(_ row: CapturedRow) {
        if let problem = finalProblem(fields: row.fields, problem: row.problem) {
            sink?.reject(findings.rejection(problem, at: row.record.location, columns: columnCount))
        } else if inPlace != nil {
            // Kept in place like any row: its values go first into the (still empty) storage.
            record.clearValues()
            rowBytes = 0
            rowValues = 0
            row.record.bytes.withUnsafeBufferPointer { record.bytes.append(contentsOf: $0) }
            row.record.values.withUnsafeBufferPointer { record.values.append(contentsOf: $0) }
            let location = record.location
            record.location = row.record.location
            hand()
            record.location = location
        } else {
            sink?.accept(row.record)
        }
    }

    /// Numbers the captured first row as record 1 (its columns are named by position).
    mutating func numberCapturedRow() -> CapturedRow? {
        guard var row = captured else { return nil }
        captured = nil
        recordNumber += 1
        row.record.location.record = recordNumber
        row.record.slots = record.slots
        return row
    }

    /// Whether the bytes are one or more spaces and tabs and nothing else.
    @inline(__always)
    static func allBlank(_ bytes: UnsafeMutableRawPointer?, _ count: Int) -> Bool {
        guard let bytes, count > 0 else { return false }
        for offset in 0..<count {
            let byte = bytes.load(fromByteOffset: offset, as: UInt8.self)
            if byte != 0x20 && byte != 0x09 { return false }
        }
        return true
    }

    private mutating func startRow() {
        firstFieldBlank = false
        fields = 0
        rowBreaks = 0
        problem = nil
        skippingField = false
        pendingQuoted = false
        if inPlace == nil {
            record.clearValues()
        } else {
            // Rows handed in place stay; the values of a row that was not (rejected, captured) go.
            if record.bytes.count > rowBytes { record.bytes.removeSubrange(rowBytes...) }
            if record.values.count > rowValues { record.values.removeSubrange(rowValues...) }
        }
    }

    /// Keeps `new` when it explains more than the problem the row already has.
    mutating func note(_ new: RowProblem) {
        if new.rank > (problem?.rank ?? 0) { problem = new }
    }

    /// The field in progress is over the limit: from now on its bytes are dropped as they come.
    mutating func fieldOverflows() {
        guard !skippingField else { return }
        skippingField = true
        note(.fieldTooLong(column: fields, startLine: fieldLine, quoted: pendingQuoted, endLine: nil))
    }

    private mutating func fieldEnded(column: Int, startLine: Int, quoted: Bool) {
        skippingField = false
        if case .fieldTooLong(let overflowing, let start, let wasQuoted, nil) = problem, overflowing == column {
            problem = .fieldTooLong(column: column, startLine: start, quoted: wasQuoted, endLine: fieldLine)
        } else {
            note(.fieldTooLong(column: column, startLine: startLine, quoted: quoted, endLine: fieldLine))
        }
    }

    /// The input ended inside a quoted field: the partial row is a record, rejected.
    mutating func endInsideQuotes() {
        recordNumber += 1
        record.location.line = line
        record.location.record = recordNumber
        let finding = findings.unterminated(
            column: fields, problem: problem, quoteLine: fieldLine, at: record.location, maxFieldBytes: maxFieldBytes)
        sink?.reject(finding)
        startRow()
    }
}
