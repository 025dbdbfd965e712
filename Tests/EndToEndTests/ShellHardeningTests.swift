import Foundation
import LDIFBulkTesting
import Testing

/// What a shell can do to the tool: full and closed standard streams, readers that go away, inputs that
/// are pipes, and numbers too large for anything. No signal death, no hang, no exit 0 after a loss.
struct ShellHardeningTests {
    static let convert = "\"$LDIFBULK\" convert --mapping mappings/applications.yaml --stdout"
    static let csv = "fixtures/applications.csv"

    @Test(arguments: ["2>/dev/full", "2>&-"])
    func aFullOrClosedStandardErrorDoesNotStopTheConversion(_ redirection: String) async throws {
        let result = try await ShellRunner.run("\(Self.convert) \(Self.csv) \(redirection)")
        // The sample has deliberate mistakes: 2, as with a working standard error.
        #expect(result.status == 2, "\(result.standardError)")
        let reference = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--stdout", Self.csv,
        ])
        #expect(result.standardOutput == reference.standardOutput)
        #expect(!reference.standardOutput.isEmpty)
    }

    @Test func anLDIFThatCannotBeWrittenExitsOne() async throws {
        let result = try await ShellRunner.run("\(Self.convert) \(Self.csv) >/dev/full")
        #expect(result.status == 1)
        #expect(result.standardError.contains("ldifbulk: cannot write standard output: No space left on device"))
    }

    @Test func explainIntoAFullDiskExitsOne() async throws {
        let result = try await ShellRunner.run(
            "\"$LDIFBULK\" explain --mapping mappings/every-filter.yaml fixtures/every-filter.csv --record 3 >/dev/full"
        )
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot write standard output"))
    }

    @Test func aReaderThatGoesAwayEndsTheConversionQuietly() async throws {
        // 20,000 rows: far more than a pipe holds, so the writes after `head` has gone fail.
        let directory = try Fixtures.temporaryDirectory("pipe")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var rows = "id,name\n"
        for index in 0..<20_000 { rows += "A-\(index),Application number \(index)\n" }
        try rows.write(toFile: "\(directory)/big.csv", atomically: true, encoding: .utf8)
        let mapping = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            items: [{ type: Application, id: "{{ id }}", data: { name: "{{ name }}" } }]
            """
        try mapping.write(toFile: "\(directory)/m.yaml", atomically: true, encoding: .utf8)
        let result = try await ShellRunner.run(
            "\"$LDIFBULK\" convert --mapping \(directory)/m.yaml --stdout \(directory)/big.csv 2>\(directory)/err "
                + "| head -c 100 >/dev/null; echo \"${PIPESTATUS[0]}\"; cat \(directory)/err")
        #expect(result.standardOutput == "141\n", "\(result.standardOutput)")
    }

    @Test(arguments: [
        ("<(cat fixtures/applications.csv)", "process substitution"),
        ("/dev/stdin < <(cat fixtures/applications.csv)", "/dev/stdin on a pipe"),
    ])
    func anInputThatIsAPipeIsReadWhole(_ input: String, _ label: String) async throws {
        let reference = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--stdout", Self.csv,
        ])
        let result = try await ShellRunner.run("\(Self.convert) \(input)")
        #expect(result.status == 2, "\(label): \(result.standardError)")
        // Phase 2 (the relations) reads the input again: both phases' items are there.
        #expect(result.standardOutput == reference.standardOutput, "\(label)")
        #expect(result.standardError.contains("records: 8 read, 6 emitted, 1 filtered, 1 rejected"), "\(label)")
    }

    @Test func aJSONInputFromAPipeKeepsItsSecondPhase() async throws {
        let directory = try Fixtures.temporaryDirectory("json-pipe")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mapping = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            source: { format: json, records: /releases/* }
            items:
              - { type: Release, id: "r-{{ $key }}", data: { name: "{{ $key }}" } }
              - { type: Relation, phase: 2, id: "rel-{{ $key }}", data: { from: "r-{{ $key }}" } }
            """
        try mapping.write(toFile: "\(directory)/m.yaml", atomically: true, encoding: .utf8)
        let command = "\"$LDIFBULK\" convert --mapping \(directory)/m.yaml --stdout"
        let reference = try await ShellRunner.run("\(command) fixtures/releases.json")
        let result = try await ShellRunner.run("\(command) <(cat fixtures/releases.json)")
        #expect(reference.status == 0, "\(reference.standardError)")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(reference.standardOutput.contains("\"Relation\""))
        #expect(result.standardOutput == reference.standardOutput)
    }

    @Test func aNamedFIFOIsReadOnceAndDoesNotHang() async throws {
        let directory = try Fixtures.temporaryDirectory("fifo")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let reference = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--stdout", Self.csv,
        ])
        let result = try await ShellRunner.run(
            "mkfifo \(directory)/f; cat \(Self.csv) > \(directory)/f & timeout 60 \(Self.convert) \(directory)/f")
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardOutput == reference.standardOutput)
    }

    @Test(arguments: [
        "upload . --emulator --run-timeout 99999999999999999999s",
        "upload . --emulator --run-timeout 1e300h",
        "upload . --emulator --run-timeout 0s",
        "upload . --emulator --max-rps inf",
        "upload . --emulator --max-rps nan",
        "upload . --emulator --concurrency 9223372036854775807",
        "convert --mapping mappings/applications.yaml --stdout --max-field-bytes 9223372036854775807 fixtures/applications.csv",
        "convert --mapping mappings/applications.yaml --out /tmp/x --chunk-items 9223372036854775807 fixtures/applications.csv",
        "convert --mapping mappings/applications.yaml --out /tmp/x --chunk-bytes 9223372036854775807 fixtures/applications.csv",
        "emulator --run-ms 1e300",
        "emulator --token-ttl 9223372036854775807",
    ])
    func numbersOutOfRangeAreUsageErrors(_ arguments: String) async throws {
        let result = try await ShellRunner.run("\"$LDIFBULK\" \(arguments)")
        #expect(result.status == 64, "\(arguments): \(result.standardError)")
        #expect(result.standardError.contains("--"), "\(arguments): \(result.standardError)")
    }
}

extension ShellHardeningTests {
    /// A log disk that fills during an upload: the messages are lost, the upload is not.
    @Test(arguments: ["2>/dev/full", "2>&-"])
    func anUploadWithAFullStandardErrorDeliversEverything(_ redirection: String) async throws {
        let directory = try Fixtures.temporaryDirectory("upload-full")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let result = try await ShellRunner.run(
            "\"$LDIFBULK\" run --mapping mappings/applications.yaml --emulator --chunk-items 2 --out \(directory)/run "
                + "\(Self.csv) \(redirection); echo \"status $?\"")
        // The sample's deliberate mistakes: 2, as with a working standard error.
        #expect(result.standardOutput.hasSuffix("status 2\n"), "\(result.standardOutput)")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/run/report.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let chunks = try #require(report["chunks"] as? [[String: Any]])
        #expect(!chunks.isEmpty)
        #expect(chunks.allSatisfy { ($0["status"] as? String) == "succeeded" }, "\(chunks)")
    }
}
