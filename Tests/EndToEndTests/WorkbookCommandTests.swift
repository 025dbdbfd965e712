import Foundation
import LDIFBulkTesting
import Testing

/// Workbooks through the binary: the same items as the CSV export, refusals with exit 1,
/// standard input spooled, locations in findings.
struct WorkbookCommandTests {
    @Test func theApplicationsWorkbookGivesTheSameItemsAsItsCSVExport() async throws {
        let csv = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--stdout", "fixtures/applications.csv",
        ])
        let xlsx = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications-xlsx.yaml", "--stdout", "fixtures/applications.xlsx",
        ])
        #expect(xlsx.status == csv.status, "\(xlsx.standardError)")
        #expect(xlsx.standardOutput == csv.standardOutput)
        #expect(
            xlsx.standardError.contains("records: 8 read, 6 emitted, 1 filtered, 1 rejected"), "\(xlsx.standardError)")
    }

    @Test func findingsNameTheSheetAndTheRow() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications-xlsx.yaml", "--stdout", "fixtures/applications.xlsx",
        ])
        #expect(
            result.standardError.contains("fixtures/applications.xlsx:Applications!H9: items[0].data.lifecycle.active"),
            "\(result.standardError)")
    }

    @Test(arguments: [
        ("encrypted.xlsx", "the workbook is password-protected"),
        ("truncated.xlsx", "a damaged or truncated zip archive"),
        ("old.xls", "save it as .xlsx or CSV"),
    ])
    func aWorkbookThatCannotBeReadExitsOneNamingTheFile(_ file: String, _ reason: String) async throws {
        let directory = try Fixtures.temporaryDirectory("xlsx-refused")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "fixtures/inventory/inventory-xlsx.yaml", "--out", "\(directory)/run",
            "fixtures/xlsx/\(file)",
        ])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("fixtures/xlsx/\(file): "), "\(result.standardError)")
        #expect(result.standardError.contains(reason), "\(result.standardError)")
        let chunks = (try? FileManager.default.contentsOfDirectory(atPath: "\(directory)/run")) ?? []
        #expect(!chunks.contains { $0.hasSuffix(".ldif.json") }, "nothing is converted")
    }

    @Test func aWorkbookOnStandardInputIsSpooledFirst() async throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("inventory/inventory.xlsx")))
        let piped = try await BinaryRunner.run(
            ["convert", "--mapping", "fixtures/inventory/inventory-xlsx.yaml", "--stdout", "-"], standardInput: bytes)
        let named = try await BinaryRunner.run([
            "convert", "--mapping", "fixtures/inventory/inventory-xlsx.yaml", "--stdout",
            "fixtures/inventory/inventory.xlsx",
        ])
        #expect(piped.status == 0, "\(piped.standardError)")
        #expect(piped.standardOutput == named.standardOutput)
    }

    @Test func sidecarsFindingsAndExplainNameTheSheet() async throws {
        let directory = try Fixtures.temporaryDirectory("xlsx-sheet")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications-xlsx.yaml", "--out", "\(directory)/run",
            "fixtures/applications.xlsx",
        ])
        #expect(result.status == 2, "one record is an error (a required name is empty): \(result.standardError)")
        let sources = try String(contentsOfFile: "\(directory)/run/chunk-0001.sources.jsonl", encoding: .utf8)
        #expect(
            sources.hasPrefix(
                #"{"index":0,"type":"Application","id":"app-a-100","file":"fixtures/applications.xlsx","line":2,"#
                    + #""record":1,"rule":"items[0]","sheet":"Applications"}"#))
        let findings = try String(contentsOfFile: "\(directory)/run/findings.jsonl", encoding: .utf8)
        #expect(
            findings.contains(
                #""location":{"column":6,"file":"fixtures/applications.xlsx","line":6,"record":5,"sheet":"Applications"}"#
            ))
        let explained = try await BinaryRunner.run([
            "explain", "--mapping", "mappings/applications-xlsx.yaml", "--record", "8", "fixtures/applications.xlsx",
        ])
        #expect(
            explained.standardOutput.hasPrefix(
                "record 8 of fixtures/applications.xlsx:Applications:9\n  $sheet: \"Applications\""))
    }

    @Test func aLookupTableMayBeASheetOfAWorkbook() async throws {
        let directory = try Fixtures.temporaryDirectory("xlsx-lookup")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func convert(sheet: String) async throws -> BinaryRunner.Result {
            let mapping = """
                ldif: { connectorType: a, connectorId: b, connectorVersion: c }
                lookups:
                  cities: { file: \(Fixtures.path("xlsx/sheets.xlsx")), sheet: \(sheet), key: id, value: name }
                items: [{ type: City, id: "{{ id }}", data: { name: "{{ id | lookup: cities }}" } }]
                """
            try Fixtures.write(Array(mapping.utf8), named: "lookup.yaml", in: directory)
            try Fixtures.write(Array("id\na1\n".utf8), named: "ids.csv", in: directory)
            return try await BinaryRunner.run([
                "convert", "--mapping", "\(directory)/lookup.yaml", "--stdout", "\(directory)/ids.csv",
            ])
        }
        let found = try await convert(sheet: "Asia")
        #expect(found.status == 0, "\(found.standardError)")
        #expect(found.standardOutput.contains(#"{"type":"City","id":"a1","data":{"name":"Tokyo"}}"#))
        let unknown = try await convert(sheet: "Africa")
        #expect(unknown.status != 0)
        #expect(unknown.standardError.contains("has no sheet 'Africa'"), "\(unknown.standardError)")
        #expect(unknown.standardError.contains("its sheets are 'Europe', 'Asia', 'Empty', 'Headers'"))
    }

    @Test func eachRecordKnowsItsSheetAsAVariable() async throws {
        let directory = try Fixtures.temporaryDirectory("xlsx-sheets")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mapping = """
            ldif: { connectorType: a, connectorId: b, connectorVersion: c }
            source: { sheet: [Asia, Europe] }
            items: [{ type: City, id: "{{ $sheet | lower }}-{{ id }}", data: { name: "{{ name }}" } }]
            """
        try Fixtures.write(Array(mapping.utf8), named: "sheets.yaml", in: directory)
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "\(directory)/sheets.yaml", "--stdout", "fixtures/xlsx/sheets.xlsx",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let ids = result.standardOutput.components(separatedBy: #""id":""#).dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(ids == ["asia-a1", "europe-e1", "europe-e2"])
    }
}
