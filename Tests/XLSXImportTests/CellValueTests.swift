import LDIFBulkTesting
import LDIFCore
import Testing

/// Every cell of the test workbooks reads as the reference reader (openpyxl, or the values the
/// fixture script wrote by hand for files it cannot read) says, through letter columns.
struct CellValueTests {
    static let workbooks = ["values", "dates1904", "leanix-layout", "sheets", "strict-inline", "shared-prefixed"]

    @Test(arguments: workbooks)
    func everyCellMatchesTheReference(_ name: String) throws {
        let columns = WorkbookReading.letters()
        let options = WorkbookReading.options {
            $0.header = false
            $0.sheets = ["*"]
        }
        let read = try WorkbookReading.read("\(name).xlsx", options: options, paths: columns)
        #expect(read.problems.isEmpty)
        let expected = try WorkbookReading.expected(name)
        let cells = WorkbookReading.cells(of: read.sink, columns: columns)
        for (cell, value) in expected.cells.sorted(by: { $0.key < $1.key }) {
            #expect(cells[cell] == value, "\(name): \(cell)")
        }
        for cell in cells.keys.sorted() where expected.cells[cell] == nil {
            Issue.record("\(name): \(cell) = \(cells[cell] ?? []) is not in the reference")
        }
        let errors = read.sink.reported.filter { $0.code == "cell-error" }.map { finding -> String in
            let location = finding.location
            let cell =
                "\(location?.sheet ?? "")!\(SourceLocation.columnLetters(location?.column ?? 0))\(location?.line ?? 0)"
            let error =
                finding.message.components(separatedBy: "holds the error ").last?
                .components(separatedBy: ": the field").first ?? ""
            return "\(cell) \(error)"
        }
        #expect(errors == expected.errors)
    }

    @Test func emptyRowsAreNotRecordsButCountForRowNumbers() throws {
        let columns = WorkbookReading.letters(to: 4)
        let read = try WorkbookReading.read(
            "values.xlsx", options: WorkbookReading.options { $0.header = false }, paths: columns)
        let rows = read.sink.records.map(\.location.line)
        #expect(!rows.contains(9), "row 9 is empty")
        #expect(!rows.contains(38), "row 38 holds a styled cell without a value")
        #expect(rows.contains(10))
        #expect(read.sink.records.map(\.location.record) == Array(1...rows.count))
        let merged = try #require(read.sink.records.first { $0.location.line == 39 })
        #expect(merged.texts(0) == ["merged"])
        #expect(merged.texts(1).isEmpty && merged.texts(2).isEmpty, "a merged range has its value at the top-left only")
    }

    @Test func errorCellsAreWarningsNamingTheCellAndTheirFieldsAreLeftOut() throws {
        let read = try WorkbookReading.read(
            "values.xlsx", options: WorkbookReading.options(), paths: [FieldPath("kind"), FieldPath("value")])
        let errors = read.sink.reported.filter { $0.code == "cell-error" }
        #expect(errors.map(\.severity) == [.warning, .warning])
        #expect(errors.first?.message == "the cell Values!B32 holds the error #DIV/0!: the field 'value' is left out")
        #expect(errors.first?.location?.description == "values.xlsx:Values!B32")
        let row = try #require(read.sink.records.first { $0.location.line == 32 })
        #expect(row.texts(0) == ["formula error"])
        #expect(row.texts(1).isEmpty)
    }
}
