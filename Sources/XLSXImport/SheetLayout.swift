import LDIFCore

/// How one sheet's columns are named: from its header row, the mapping's `columns`, or by letters.
struct SheetLayout {
    let sheet: WorkbookSheet
    /// Column names, `names[c - 1]` for column `c`; empty when columns are named by letters.
    private(set) var names: [String] = []
    private(set) var columnIndex: [String: Int] = [:]
    /// Whether columns not named above may be named by their letters.
    private(set) var lettersAllowed = true
    /// The first row that is a record.
    let firstDataRow: Int
    /// The sheet has no rows at all.
    private(set) var empty = false
    private(set) var findings: [Finding] = []
    /// Slot `i` reads column `slotColumns[i]` (0: nothing); set by binding.
    var slotColumns: [Int] = []

    /// Names the columns of `sheet`, reading its header row when `options.header` says so.
    init(sheet: WorkbookSheet, options: SourceOptions, file: String, open: () throws(ConversionError) -> SheetReader)
        throws(ConversionError)
    {
        self.sheet = sheet
        firstDataRow = options.firstDataRow ?? (options.header ? options.headerRow + 1 : 1)
        if options.header {
            try readHeader(row: options.headerRow, reader: open(), file: file)
        } else if let columns = options.columns {
            names = columns
            lettersAllowed = false
            for (index, name) in columns.enumerated() where columnIndex[name] == nil { columnIndex[name] = index + 1 }
        }
    }

    private mutating func readHeader(row headerRow: Int, reader: SheetReader, file: String) throws(ConversionError) {
        var row = SheetRow()
        var found = false
        var sawRow = false
        while try reader.next(into: &row) {
            sawRow = true
            if row.number == headerRow { found = !row.cells.isEmpty }
            if row.number >= headerRow { break }
        }
        empty = !sawRow
        guard found else {
            if sawRow {
                findings.append(
                    Finding(
                        .warning, .parse, code: "empty-header",
                        message:
                            "\(file): sheet '\(sheet.name)' has nothing in its header row \(headerRow): its columns are "
                            + "named by their letters (A, B, ...); set headerRow, or header: false",
                        location: location(file: file, row: headerRow)))
            }
            return
        }
        let width = row.cells.map(\.column).max() ?? 0
        var texts = Array(repeating: "", count: width)
        for index in row.cells.indices { texts[row.cells[index].column - 1] = row.text(ofCell: index) }
        for (offset, text) in texts.enumerated() {
            let column = offset + 1
            let letters = CellReference.letters(column)
            var name = text
            if text.isEmpty {
                name = letters
                findings.append(
                    headerFinding(
                        "empty-header",
                        "the header cell \(CellReference.name(sheet: sheet.name, column: column, row: headerRow)) "
                            + "is empty: its column is named '\(letters)'", file: file, row: headerRow, column: column))
            } else if columnIndex[text] != nil {
                name = letters
                findings.append(
                    headerFinding(
                        "duplicate-header",
                        "the header '\(text)' in \(CellReference.name(sheet: sheet.name, column: column, row: headerRow)) "
                            + "is repeated: this column is named '\(letters)'", file: file, row: headerRow,
                        column: column))
            }
            names.append(name)
            if columnIndex[name] == nil { columnIndex[name] = column }
        }
    }

    private func headerFinding(_ code: String, _ message: String, file: String, row: Int, column: Int) -> Finding {
        var location = location(file: file, row: row)
        location.column = column
        return Finding(.warning, .parse, code: code, message: message, location: location)
    }

    func location(file: String, row: Int) -> SourceLocation {
        SourceLocation(file: file, line: row, sheet: sheet.name)
    }

    /// The column `name` means in this sheet, or nil.
    func column(named name: String) -> Int? {
        if let column = columnIndex[name] { return column }
        guard lettersAllowed, let column = CellReference.column(letters: name), column > names.count else { return nil }
        return column
    }

    /// Why `name` names no column, for a bind problem.
    func unknown(_ name: String, file: String) -> String {
        if names.isEmpty {
            return "no column '\(name)' in \(file), sheet '\(sheet.name)': without a header row its columns are named "
                + "by their letters as Excel shows them (A, B, ..., AA), or by columns: in the mapping's source:"
        }
        return "no column '\(name)' in \(file), sheet '\(sheet.name)'\(Suggestion.hint(for: name, in: names))"
    }
}
