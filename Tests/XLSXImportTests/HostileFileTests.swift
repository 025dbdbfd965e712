import LDIFBulkTesting
import LDIFCore
import Testing
import XLSXImport

/// Broken, hostile and foreign files are refused with a message naming the file and what to do.
struct HostileFileTests {
    static let cases: [(file: String, says: String)] = [
        ("truncated.xlsx", "truncated.xlsx: a damaged or truncated zip archive"),
        ("not-a-zip.xlsx", "not-a-zip.xlsx: not an .xlsx workbook (not a zip archive)"),
        ("encrypted.xlsx", "encrypted.xlsx: the workbook is password-protected"),
        ("old.xls", "old.xls: an old Excel 97-2003 workbook (.xls); open it in Excel and save it as .xlsx or CSV"),
        ("sheet.ods", "sheet.ods: an OpenDocument spreadsheet (.ods), not an .xlsx workbook; save it as .xlsx or CSV"),
        ("binary.xlsb", "binary.xlsb: a binary Excel workbook (.xlsb); open it in Excel and save it as .xlsx or CSV"),
        ("missing-sheet.xlsx", "missing-sheet.xlsx: the sheet 'Data' has no part xl/worksheets/sheet1.xml"),
        (
            "bomb.xlsx",
            "bomb.xlsx: the part xl/worksheets/sheet1.xml declares 67108997 bytes, more than a workbook holds"
        ),
    ]

    @Test(arguments: cases)
    func isRefusedWithAClearMessage(_ file: String, _ says: String) throws {
        let error = #expect(throws: ConversionError.self) {
            _ = try WorkbookReading.read(file, options: WorkbookReading.options(), paths: [FieldPath("A")])
        }
        #expect(error?.code == .input)
        #expect(error?.message.hasPrefix(says) == true, "\(error?.message ?? "")")
    }

    @Test func aSharedStringCellWithoutATableIsRefused() throws {
        let error = #expect(throws: ConversionError.self) {
            _ = try WorkbookReading.read(
                "missing-shared-strings.xlsx", options: WorkbookReading.options { $0.header = false },
                paths: [FieldPath("A")])
        }
        #expect(
            error?.message.hasPrefix(
                "missing-shared-strings.xlsx: the cell Data!A1 uses the shared-string table, but the workbook has none")
                == true)
    }

    @Test func aPartLargerThanTheCapIsRefused() throws {
        let limits = ZipLimits(maxEntryBytes: 1024, maxRatio: 1_000_000, ratioFloor: 0)
        let error = #expect(throws: ConversionError.self) {
            _ = try WorkbookReading.read("values.xlsx", options: WorkbookReading.options(), paths: [], limits: limits)
        }
        #expect(error?.message.contains("more than a workbook holds (a zip bomb?)") == true, "\(error?.message ?? "")")
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let read = try WorkbookReading.read(
            "external-entity.xlsx", options: WorkbookReading.options(), paths: [FieldPath("name")])
        #expect(read.sink.records.map { $0.texts(0) } == [["xy"]])
    }
}
