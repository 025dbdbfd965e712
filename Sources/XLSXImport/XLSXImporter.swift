import LDIFCore

/// Reads one workbook into records: open (structure, shared strings, headers), bind, read.
final class XLSXImporter: RecordImporter, CellColumns {
    let input: InputFile
    let archive: ZipArchive
    let package: WorkbookPackage
    let strings: SharedStrings?
    let styles: CellStyles
    var layouts: [SheetLayout] = []
    var slotCount = 0

    init(_ input: InputFile, options: SourceOptions, limits: ZipLimits) throws(ConversionError) {
        self.input = input
        let archive = try ZipArchive(input: input, limits: limits)
        self.archive = archive
        package = try WorkbookPackage(archive: archive)
        let chosen = try SheetSelection.select(options.sheets, from: package.sheets, file: input.name)
        for sheet in chosen where !archive.contains(sheet.part) {
            throw ConversionError(
                .input,
                "\(input.name): the sheet '\(sheet.name)' has no part \(sheet.part) in the workbook; "
                    + "open it in Excel and save it again as .xlsx")
        }
        styles =
            try package.stylesPart.map { part throws(ConversionError) in
                try CellStyles(part: part, archive: archive)
            } ?? CellStyles()
        strings = try package.sharedStringsPart.map { part throws(ConversionError) in
            try SharedStrings(part: part, archive: archive)
        }
        for sheet in chosen {
            layouts.append(
                try SheetLayout(sheet: sheet, options: options, file: input.name) { () throws(ConversionError) in
                    try self.reader(for: sheet)
                })
        }
    }

    func reader(for sheet: WorkbookSheet) throws(ConversionError) -> SheetReader {
        try SheetReader(archive: archive, sheet: sheet, strings: strings, styles: styles, date1904: package.date1904)
    }

    var fieldNames: [String]? {
        guard let first = layouts.first, !first.names.isEmpty else { return nil }
        return first.names
    }

    var slotColumns: [String: [Int]] {
        Dictionary(layouts.map { ($0.sheet.name, $0.slotColumns) }, uniquingKeysWith: { first, _ in first })
    }

    func bind(_ paths: [FieldPath]) -> [BindProblem] {
        slotCount = paths.count
        var problems: [BindProblem] = []
        for index in layouts.indices {
            layouts[index].slotColumns = paths.map { layouts[index].column(named: $0.text) ?? 0 }
            guard !layouts[index].empty else { continue }
            for (pathIndex, path) in paths.enumerated() where layouts[index].slotColumns[pathIndex] == 0 {
                guard !problems.contains(where: { $0.pathIndex == pathIndex }) else { continue }
                problems.append(
                    BindProblem(pathIndex: pathIndex, message: layouts[index].unknown(path.text, file: input.name)))
            }
        }
        return problems
    }

    func read(into sink: any RecordSink) throws {
        var record = Record(file: input.name, slotCount: slotCount)
        var row = SheetRow()
        var recordNumber = 0
        for layout in layouts {
            for finding in layout.findings { sink.report(finding) }
            if layout.empty {
                sink.report(
                    Finding(
                        .warning, .parse, code: "empty-sheet",
                        message: "\(input.name): sheet '\(layout.sheet.name)' is empty: no rows",
                        location: layout.location(file: input.name, row: 0)))
                continue
            }
            let reader = try reader(for: layout.sheet)
            var rows = RowPlacer(slotColumns: layout.slotColumns)
            while try reader.next(into: &row) {
                guard row.number >= layout.firstDataRow else { continue }
                reportErrors(of: row, layout: layout, sink: sink)
                guard !row.cells.isEmpty else { continue }
                recordNumber += 1
                record.location = SourceLocation(
                    file: input.name, line: row.number, record: recordNumber, sheet: layout.sheet.name)
                rows.place(row, into: &record)
                sink.accept(record)
            }
        }
    }

    /// A warning for each error cell of a bound column (`#N/A`): its field is left out.
    private func reportErrors(of row: SheetRow, layout: SheetLayout, sink: any RecordSink) {
        for (column, text) in row.errors {
            guard layout.slotColumns.contains(column) else { continue }
            var location = layout.location(file: input.name, row: row.number)
            location.column = column
            let name =
                layout.names.indices.contains(column - 1) ? layout.names[column - 1] : CellReference.letters(column)
            sink.report(
                Finding(
                    .warning, .parse, code: "cell-error",
                    message:
                        "the cell \(CellReference.name(sheet: layout.sheet.name, column: column, row: row.number)) "
                        + "holds the error \(text): the field '\(name)' is left out",
                    location: location, field: name))
        }
    }
}

/// Lays a row's cells out into a record, slot by slot.
struct RowPlacer {
    let slotColumns: [Int]
    /// `cellAt[c]` is the index of column `c`'s cell in the row being placed, or -1.
    private var cellAt: [Int32]

    init(slotColumns: [Int]) {
        self.slotColumns = slotColumns
        cellAt = Array(repeating: -1, count: (slotColumns.max() ?? 0) + 1)
    }

    mutating func place(_ row: SheetRow, into record: inout Record) {
        record.clearValues()
        for (index, cell) in row.cells.enumerated() where cell.column < cellAt.count {
            cellAt[cell.column] = Int32(index)
        }
        row.bytes.withUnsafeBytes { bytes in
            for (slot, column) in slotColumns.enumerated() {
                let found = column > 0 ? Int(cellAt[column]) : -1
                guard found >= 0 else {
                    record.slots[slot] = 0..<0
                    continue
                }
                let cell = row.cells[found]
                let value = record.append(
                    cell.kind, UnsafeRawBufferPointer(rebasing: bytes[cell.start..<(cell.start + cell.count)]))
                record.slots[slot] = value..<(value + 1)
            }
        }
        for cell in row.cells where cell.column < cellAt.count { cellAt[cell.column] = -1 }
    }
}
