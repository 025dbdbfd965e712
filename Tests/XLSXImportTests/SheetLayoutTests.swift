import LDIFBulkTesting
import LDIFCore
import Testing

/// `sheet`, `header`, `headerRow`, `firstDataRow` and `columns` for workbooks.
struct SheetLayoutTests {
    @Test func leanIXExportsPutKeysInRowOneAndLabelsInRowTwo() throws {
        let options = WorkbookReading.options {
            $0.headerRow = 1
            $0.firstDataRow = 3
        }
        let read = try WorkbookReading.read(
            "leanix-layout.xlsx", options: options,
            paths: [FieldPath("id"), FieldPath("name"), FieldPath("lifecycle:active")])
        #expect(read.problems.isEmpty)
        #expect(read.sink.records.map { $0.texts(0) } == [["28fe4aa2"], ["8c2bd5bd"]])
        #expect(read.sink.records.first?.texts(2) == ["2019-03-01"])
        #expect(read.sink.records.map(\.location.line) == [3, 4])
        #expect(read.sink.records.first?.location.description == "leanix-layout.xlsx:Application:3")
    }

    @Test func theLabelsRowCanBeTheHeader() throws {
        let options = WorkbookReading.options { $0.headerRow = 2 }
        let read = try WorkbookReading.read("leanix-layout.xlsx", options: options, paths: [FieldPath("Name")])
        #expect(read.problems.isEmpty)
        #expect(read.sink.records.map { $0.texts(0) } == [["HR Portal"], ["Billing"]])
    }

    @Test func aSheetIsChosenByNameOrNumberAndDefaultsToTheFirst() throws {
        let paths = [FieldPath("name")]
        let first = try WorkbookReading.read("sheets.xlsx", options: WorkbookReading.options(), paths: paths)
        #expect(first.sink.records.map { $0.texts(0) } == [["Paris"], ["Rome"]])
        let byName = try WorkbookReading.read(
            "sheets.xlsx", options: WorkbookReading.options { $0.sheets = ["Asia"] }, paths: paths)
        #expect(byName.sink.records.map { $0.texts(0) } == [["Tokyo"]])
        let byNumber = try WorkbookReading.read(
            "sheets.xlsx", options: WorkbookReading.options { $0.sheets = ["2"] }, paths: paths)
        #expect(byNumber.sink.records.map { $0.texts(0) } == [["Tokyo"]])
    }

    @Test func severalSheetsAreReadInOrderAndEachRecordKnowsItsSheet() throws {
        let options = WorkbookReading.options { $0.sheets = ["Asia", "Europe", "Empty"] }
        let read = try WorkbookReading.read("sheets.xlsx", options: options, paths: [FieldPath("id")])
        #expect(read.problems.isEmpty)
        #expect(read.sink.records.map { $0.location.sheet ?? "" } == ["Asia", "Europe", "Europe"])
        #expect(read.sink.records.map(\.location.record) == [1, 2, 3])
        #expect(read.sink.findingCodes.contains("empty-sheet"))
    }

    @Test func anUnknownSheetIsAMappingErrorListingTheSheets() throws {
        let error = #expect(throws: ConversionError.self) {
            _ = try WorkbookReading.read(
                "sheets.xlsx", options: WorkbookReading.options { $0.sheets = ["Eurpoe"] }, paths: [])
        }
        #expect(error?.code == .mapping)
        #expect(
            error?.message
                == "sheets.xlsx has no sheet 'Eurpoe' (did you mean 'Europe'?); its sheets are 'Europe', 'Asia', 'Empty', "
                + "'Headers' (set source.sheet to a name, a number from 1 to 4, or \"*\")")
    }

    @Test func emptyAndRepeatedHeaderCellsFallBackToTheirLetters() throws {
        let options = WorkbookReading.options { $0.sheets = ["Headers"] }
        let read = try WorkbookReading.read(
            "sheets.xlsx", options: options, paths: [FieldPath("name"), FieldPath("B"), FieldPath("C")])
        #expect(read.problems.isEmpty)
        #expect(read.sink.records.first?.slots.map { $0.map(\.text) } == [["x"], ["y"], ["z"]])
        #expect(read.sink.findingCodes == ["empty-header", "duplicate-header"])
        #expect(read.sink.reported.first?.location?.description == "sheets.xlsx:Headers!B1")
    }

    @Test func withoutAHeaderColumnsAreLettersOrTheMappingsNames() throws {
        let options = WorkbookReading.options {
            $0.header = false
            $0.sheets = ["Europe"]
        }
        let letters = try WorkbookReading.read("sheets.xlsx", options: options, paths: [FieldPath("B")])
        #expect(letters.sink.records.map { $0.texts(0) } == [["name"], ["Paris"], ["Rome"]])
        var named = options
        named.columns = ["key", "city"]
        named.firstDataRow = 2
        let read = try WorkbookReading.read("sheets.xlsx", options: named, paths: [FieldPath("city"), FieldPath("B")])
        #expect(read.sink.records.map { $0.texts(0) } == [["Paris"], ["Rome"]])
        #expect(read.problems.map(\.pathIndex) == [1])
    }

    @Test func anUnknownColumnIsABindProblemWithASuggestion() throws {
        let read = try WorkbookReading.read(
            "sheets.xlsx", options: WorkbookReading.options(), paths: [FieldPath("nmae")])
        #expect(
            read.problems.first?.message == "no column 'nmae' in sheets.xlsx, sheet 'Europe' (did you mean 'name'?)")
    }
}
