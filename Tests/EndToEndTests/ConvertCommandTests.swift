import Foundation
import LDIFBulkTesting
import Testing

/// Runs the built `ldifbulk` on fixtures/ and mappings/ as a user would.
struct ConvertCommandTests {
    static let fixedId = "20260101T000000Z-test"

    func runDirectory() throws -> String {
        try Fixtures.temporaryDirectory("e2e") + "/run"
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func quickStartConversionMatchesTheGoldens() async throws {
        let out = try runDirectory()
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--out", out, "--conversion-id", Self.fixedId,
            "fixtures/applications.csv",
        ])
        #expect(result.status == 2, "\(result.standardError)")
        Golden.check(try read("\(out)/chunk-0001.json"), against: "expected/applications/chunk-0001.json")
        Golden.check(try read("\(out)/chunk-0002.json"), against: "expected/applications/chunk-0002.json")
        Golden.check(
            try read("\(out)/chunk-0001.sources.jsonl"), against: "expected/applications/chunk-0001.sources.jsonl")
        #expect(result.standardError.contains("fixtures/applications.csv:9: items[0].data.name: error:"))
        #expect(result.standardError.contains("records: 8 read, 6 emitted, 1 filtered, 1 rejected"))
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/manifest.json")))
            as! [String: Any]
        let totals = manifest["totals"] as! [String: Int]
        #expect(totals["recordsRead"] == 8)
        #expect(totals["recordsEmitted"]! + totals["recordsFiltered"]! + totals["recordsRejected"]! == 8)
        let chunks = manifest["chunks"] as! [[String: Any]]
        #expect(chunks.map { $0["phase"] as! Int } == [1, 2])
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(out)/chunk-0001.json"))
        #expect(chunks[0]["bytes"] as? Int == data.count)
    }

    @Test func standardOutputGivesOneLDIF() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications-basic.yaml", "--stdout", "--pretty",
            "fixtures/applications.csv",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        Golden.check(result.standardOutput, against: "expected/applications-basic.pretty.json")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        #expect((object?["content"] as? [Any])?.count == 8)
    }

    @Test func standardInputIsAnInput() async throws {
        let csv = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("applications.csv")))
        let result = try await BinaryRunner.run(
            ["convert", "--mapping", "mappings/applications-basic.yaml", "--stdout", "-"], standardInput: csv)
        #expect(result.status == 0, "\(result.standardError)")
        let file = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications-basic.yaml", "--stdout", "fixtures/applications.csv",
        ])
        #expect(
            result.standardOutput
                == file.standardOutput.replacingOccurrences(of: "fixtures/applications.csv", with: "-"))
    }

    @Test func windows1252SemicolonExportConverts() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/it-components.yaml", "--stdout", "fixtures/it-components.csv",
        ])
        Golden.check(result.standardOutput, against: "expected/it-components.json")
        // Two warnings (values left out), no errors: 0.
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("findings: 0 errors, 2 warnings"), "\(result.standardError)")
        #expect(result.standardOutput.contains(#""annualCost":12345.6"#))
        #expect(result.standardOutput.contains("itc-märkte-db"))
    }

    @Test func fiveMistakesAreReportedAndNothingIsWritten() async throws {
        let out = try runDirectory()
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "fixtures/broken/five-mistakes.yaml", "--out", out, "fixtures/applications.csv",
        ])
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasPrefix("fixtures/broken/five-mistakes.yaml:") }.count == 5, "\(lines)")
        #expect(
            lines.contains(
                "fixtures/broken/five-mistakes.yaml:6: ldif.procesingMode: unknown key 'procesingMode' (did you mean 'processingMode'?)"
            ))
        #expect(
            lines.contains(
                "fixtures/broken/five-mistakes.yaml:12: items[0].data.cost: unknown filter 'numbr' (did you mean 'number'?)"
            ))
        #expect(
            lines.contains {
                $0.hasPrefix("fixtures/broken/five-mistakes.yaml:11: items[0].data.name: no column 'nmae'")
                    && $0.contains("did you mean 'name'")
            })
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func everyRecordOfABrokenFileIsAccountedFor() async throws {
        let out = try runDirectory()
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--out", out,
            "fixtures/broken/applications-broken.csv",
        ])
        #expect(result.status == 2)
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/manifest.json")))
            as! [String: Any]
        let totals = manifest["totals"] as! [String: Int]
        #expect(totals["recordsRead"] == 6)
        #expect(totals["recordsEmitted"] == 2)
        #expect(totals["recordsRejected"] == 4)
        let findings = try read("\(out)/findings.jsonl").split(separator: "\n")
        #expect(findings.count >= 4)
    }

    @Test func validateWritesNothingAndSummarises() async throws {
        let result = try await BinaryRunner.run([
            "validate", "--mapping", "mappings/applications.yaml", "fixtures/applications.csv",
        ])
        #expect(result.status == 2)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("records: 8 read"))
    }

    @Test func explainShowsOneRecord() async throws {
        let result = try await BinaryRunner.run([
            "explain", "--mapping", "mappings/every-filter.yaml", "fixtures/every-filter.csv", "--record", "3",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        Golden.check(result.standardOutput, against: "expected/every-filter.explain.txt")
    }

    @Test func unknownInputIsFatal() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--stdout", "nope.csv",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("nope.csv: no such file"))
    }

    @Test func usageErrorsExit64() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "fixtures/applications.csv",
        ])
        #expect(result.status == 64)
    }
}
