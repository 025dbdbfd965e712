import LDIFCore

/// Reads one CSV file into records: open (header), bind (columns to slots), read.
final class CSVImporter: RecordImporter {
    let input: DecodedInput
    let options: SourceOptions
    /// The row state libcsv's callbacks write to; a stable address for the C context pointer.
    let assembler: UnsafeMutablePointer<RowAssembler>
    var parser: LibCSVParser!

    /// The block being parsed and how far parsing has got in it.
    var block = UnsafeRawBufferPointer(start: nil, count: 0)
    var offset = 0
    /// The input is exhausted and libcsv finished.
    var ended = false
    /// The input ended inside a quoted field.
    var endedInsideQuotes = false

    private(set) var names: [String] = []
    private var columnIndex: [String: Int] = [:]
    /// The file has no rows at all (so there is nothing to bind).
    private var empty = false
    private var sawHeader = false
    /// The first lines, kept when a tiny block size holds too few of them to sniff the delimiter.
    private var sample: UnsafeMutableRawBufferPointer?
    private var notes: [String] = []
    private var headerFindings: [Finding] = []

    init(_ file: InputFile, options: SourceOptions, blockSize: Int) throws(ConversionError) {
        input = try DecodedInput(file, blockSize: blockSize)
        self.options = options
        var findings = CSVFindings(file: file.name, encoding: options.encoding)
        findings.maxFieldBytes = options.maxFieldBytes
        // Cache lines of its own: the parsing thread writes it on every field, and a neighbour
        // that another thread uses would make both wait on each other's writes.
        let size = (MemoryLayout<RowAssembler>.stride + 127) / 128 * 128
        assembler = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 128)
            .bindMemory(to: RowAssembler.self, capacity: 1)
        assembler.initialize(
            to: RowAssembler(file: file.name, maxFieldBytes: options.maxFieldBytes, findings: findings))
        try advance()
        assembler.pointee.blankLinesOnly = !options.trim
        parser = LibCSVParser(
            delimiter: try delimiter(), trim: options.trim,
            onField: { bytes, count, context in
                context!.assumingMemoryBound(to: RowAssembler.self).pointee.field(bytes, count)
            },
            onRow: { terminator, context in context!.assumingMemoryBound(to: RowAssembler.self).pointee.row(terminator)
            })
        try nameColumns()
        notes = input.notes + notes
    }

    deinit {
        assembler.deinitialize(count: 1)
        UnsafeMutableRawPointer(assembler).deallocate()
        sample?.deallocate()
    }

    var fieldNames: [String]? { names }

    /// The configured delimiter, or the sniffed one (then noted for the user).
    private func delimiter() throws(ConversionError) -> UInt8 {
        guard case .byte(let byte) = options.delimiter else {
            let complete = try gatherSample()
            let byte = DelimiterSniffer.sniff(block, complete: complete)
            let shown = byte == 0x09 ? "tab" : "'\(Character(Unicode.Scalar(byte)))'"
            notes.append("\(input.name): delimiter \(shown) (sniffed)")
            return byte
        }
        return byte
    }

    /// Makes the current block hold the lines the sniffer looks at, when one block holds
    /// fewer; returns whether the block then holds the whole input.
    private func gatherSample() throws(ConversionError) -> Bool {
        var bytes = Array(block)
        var lineEnds = bytes.count { $0 == 0x0A || $0 == 0x0D }
        var complete = input.reachedEnd
        while !complete && bytes.count < 1 << 16 && lineEnds <= DelimiterSniffer.lineLimit * 2 {
            guard let next = try input.next(encoding: options.encoding) else {
                complete = true
                break
            }
            bytes += next
            lineEnds += next.count { $0 == 0x0A || $0 == 0x0D }
            complete = input.reachedEnd
        }
        guard bytes.count > block.count else { return complete }
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        copy.copyBytes(from: bytes)
        sample = copy
        block = UnsafeRawBufferPointer(copy)
        offset = 0
        return complete
    }

    /// Names the columns from the header row, the mapping's `columns`, or the first row's width.
    private func nameColumns() throws(ConversionError) {
        if options.header {
            try readHeader()
        } else if let columns = options.columns {
            names = columns
            assembler.pointee.findings.columnSource = "the mapping's columns names"
        } else {
            try captureFirstRow()
            let row = assembler.pointee.captured
            empty = row == nil && !endedInsideQuotes
            let width = row?.fields ?? (empty ? 0 : assembler.pointee.fields + 1)
            names = (0..<width).map { String($0 + 1) }
            assembler.pointee.findings.columnSource = "the first row has"
        }
        for (column, name) in names.enumerated() where columnIndex[name] == nil { columnIndex[name] = column }
        assembler.pointee.columnCount = names.count
        assembler.pointee.findings.names = names
    }

    static func withoutBlanks(_ name: String) -> String {
        String(
            name.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()
        )
    }

    private func readHeader() throws(ConversionError) {
        try captureFirstRow()
        guard let header = assembler.pointee.captured else {
            if endedInsideQuotes {
                let line = assembler.pointee.fieldLine
                throw ConversionError(
                    .input,
                    "\(input.name): the header row's quote on line \(line) is never closed: close it or double it (\"\")"
                )
            }
            empty = true
            return
        }
        let line = header.record.location.line
        if let problem = header.problem {
            throw ConversionError(
                .input,
                "\(input.name):\(line): the header row is broken: \(Self.describe(problem, maxFieldBytes: options.maxFieldBytes))"
            )
        }
        // Names are trimmed whatever `trim` says: ` name` in a padded header is the column `name`.
        names = header.record.values.map { Self.withoutBlanks(header.record.text(of: $0)) }
        sawHeader = true
        headerFindings = assembler.pointee.findings.headerProblems(names, line: line)
        assembler.pointee.captured = nil
    }

    private static func describe(_ problem: RowProblem, maxFieldBytes: Int) -> String {
        switch problem {
        case .invalidText(let column, _, _):
            "column \(column + 1) is not valid text in this encoding; set encoding (utf-8, latin1, windows-1252 or utf-16) in the mapping's source:"
        case .strayQuote(let column, _):
            "column \(column + 1) has text after its closing quote; a quote inside a quoted name must be doubled (\"\")"
        case .fieldTooLong(let column, let line, _, _):
            "column \(column + 1) is longer than \(maxFieldBytes) bytes, almost always a stray quote (it starts on line \(line))"
        case .ragged:
            "it has a wrong number of fields"
        }
    }

    func bind(_ paths: [FieldPath]) -> [BindProblem] {
        var slots: [Range<Int>] = []
        var problems: [BindProblem] = []
        for (index, path) in paths.enumerated() {
            if let column = columnIndex[path.text] {
                slots.append(column..<(column + 1))
                continue
            }
            slots.append(0..<0)
            // A file with no rows at all has nothing to bind and nothing to read.
            if empty && options.columns == nil { continue }
            problems.append(BindProblem(pathIndex: index, message: unknownColumn(path.text)))
        }
        assembler.pointee.record.slots = slots
        return problems
    }

    private func unknownColumn(_ name: String) -> String {
        if !options.header && options.columns == nil {
            return
                "no column '\(name)' in \(input.name): it has no header row, so its columns are named by position, 1 to \(names.count) "
                + "(or name them with columns: in the mapping's source:)"
        }
        return "no column '\(name)' in \(input.name)\(Suggestion.hint(for: name, in: names))"
    }

    func read(into sink: any RecordSink) throws {
        assembler.pointee.sink = sink
        defer {
            assembler.pointee.handOverKeptRows()
            assembler.pointee.sink = nil
        }
        for note in notes { sink.note(note) }
        for finding in headerFindings { sink.report(finding) }
        if let first = assembler.pointee.numberCapturedRow() {
            assembler.pointee.deliver(first)
        }
        while !ended {
            if offset < block.count {
                try pump(upTo: block.count)
            }
            try advance()
        }
        if endedInsideQuotes {
            endedInsideQuotes = false
            assembler.pointee.endInsideQuotes()
        }
        if !sawHeader && assembler.pointee.recordNumber == 0 {
            sink.report(
                Finding(
                    .warning, .parse, code: "empty-file",
                    message: "\(input.name) is empty: no header row and no records",
                    location: SourceLocation(file: input.name, line: 0)))
        }
    }
}
