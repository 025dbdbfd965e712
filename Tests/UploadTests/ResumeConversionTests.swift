import Emulator
import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing
import Upload

/// `ldifbulk resume DIR` after a `run` stopped while converting: the built binary against an emulator in
/// this process. The conversion is done again from unchanged inputs, or refused when any changed.
struct ResumeConversionTests {
    /// A mapping and an input of applications in a directory of their own, and where `run` writes.
    struct Work {
        let directory: TemporaryDirectory
        let mapping: URL
        let input: URL
        var run: URL { directory.url.appendingPathComponent("run") }

        init(rows: Int, lookup: String? = nil) throws {
            directory = try TemporaryDirectory()
            mapping = directory.url.appendingPathComponent("apps.yaml")
            input = directory.url.appendingPathComponent("apps.csv")
            var yaml = """
                ldif: { connectorType: ldifbulk, connectorId: resume-test, connectorVersion: 1.0.0 }
                source: { format: csv, delimiter: ",", header: true }
                items:
                  - type: Application
                    id: "{{ id }}"
                    data: { name: "{{ name }}" }

                """
            if let lookup { yaml += "lookups:\n  names: { file: \(lookup), key: id, value: name }\n" }
            try Data(yaml.utf8).write(to: mapping)
            try Data(Self.csv(rows: rows).utf8).write(to: input)
        }

        static func csv(rows: Int) -> String {
            "id,name\n" + (1...rows).map { "APP-\($0),App \($0)\n" }.joined()
        }
    }

    func ldifbulk(_ arguments: [String], standardInput: Data? = nil, environment: [String: String] = [:])
        async throws -> BinaryRunner.Result
    {
        try await BinaryRunner.run(arguments, standardInput: standardInput, environment: environment)
    }

    /// Leaves `work.run` as a `run` killed while converting does: `run` converts, stops before sending
    /// anything (no token), and then loses its manifest; a half-written chunk and manifest lie beside.
    ///
    /// - Returns: the manifest the first conversion wrote.
    func interruptedRun(_ work: Work, host: String, inputs: [String]? = nil, standardInput: Data? = nil)
        async throws -> Manifest
    {
        let result = try await ldifbulk(
            [
                "run", "--mapping", work.mapping.path, "--out", work.run.path, "--host", host, "--chunk-items", "2",
                "--concurrency", "2", "--max-rps", "500", "--quiet",
            ] + (inputs ?? [work.input.path]), standardInput: standardInput, environment: ["LEANIX_API_TOKEN": ""])
        #expect(result.status == 1 && result.standardError.contains("no API token"), "\(result.standardError)")
        let manifestURL = work.run.appendingPathComponent(Manifest.fileName)
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: manifestURL))
        try FileManager.default.removeItem(at: manifestURL)
        try Data("{\"half".utf8).write(to: work.run.appendingPathComponent("chunk-0009.json.part"))
        try Data("{\"half".utf8).write(to: work.run.appendingPathComponent("manifest.json.tmp"))
        return manifest
    }

    func manifest(_ work: Work) throws -> Manifest {
        try JSONDecoder().decode(
            Manifest.self, from: Data(contentsOf: work.run.appendingPathComponent(Manifest.fileName)))
    }

    func exists(_ work: Work, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: work.run.appendingPathComponent(name).path)
    }

    @Test func aRunStoppedWhileConvertingIsConvertedAgainAndDeliveredOnce() async throws {
        let work = try Work(rows: 9)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let first = try await interruptedRun(work, host: emulator.baseURL)
            let job = try #require(try ConversionJob.read(directory: work.run.path))
            #expect(job.conversionId == first.conversionId)
            #expect(job.inputs.map(\.name) == [work.input.path] && job.options.chunkItems == 2)
            #expect(try UploadSettings.read(directory: work.run)?.host == emulator.baseURL)

            let environment = ["LEANIX_API_TOKEN": emulator.apiToken]
            let resumed = try await ldifbulk(["resume", work.run.path, "--quiet"], environment: environment)
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(
                resumed.standardError.contains(
                    "was interrupted (13 partial files removed); converting again from the unchanged inputs, "
                        + "conversion id \(job.conversionId)"), "\(resumed.standardError)")
            // The same conversion id, hence the same chunks, byte for byte.
            let again = try manifest(work)
            #expect(again.conversionId == job.conversionId && again.chunks == first.chunks)
            #expect(!exists(work, "chunk-0009.json.part") && !exists(work, "manifest.json.tmp"))
            let report = try JSONDecoder().decode(
                UploadReport.self, from: Data(contentsOf: work.run.appendingPathComponent(UploadDirectory.reportName)))
            #expect(report.verdicts == Array(repeating: .succeeded, count: 5))
            let state = await emulator.store.state()
            #expect(state.runsPerKey(again) == [1, 1, 1, 1, 1])
            #expect(state.delivered.count == 9 && state.delivered.allSatisfy { $0.count == 1 })

            // Once converted, the directory resumes as any upload: nothing is left to send.
            let done = try await ldifbulk(["resume", work.run.path], environment: environment)
            #expect(done.status == 0 && done.standardError.contains("nothing to do"), "\(done.standardError)")
            #expect(await emulator.store.state().runs.count == 5)
        }
    }

    enum Change: String, CaseIterable, Sendable {
        case longer, sameSizeOtherContent, gone, mapping, lookupTable
    }

    @Test(arguments: Change.allCases)
    func aFileChangedSinceTheRunStartedStopsTheResume(change: Change) async throws {
        let work = try Work(rows: 4, lookup: "names.csv")
        let names = work.directory.url.appendingPathComponent("names.csv")
        try Data("id,name\nAPP-1,First\n".utf8).write(to: names)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            _ = try await interruptedRun(work, host: emulator.baseURL)
            let job = try #require(try ConversionJob.read(directory: work.run.path))
            #expect(job.lookups?.map(\.path) == [names.path])
            let expected: String
            switch change {
            case .longer:
                try Data((Work.csv(rows: 4) + "APP-5,App 5\n").utf8).write(to: work.input)
                let size = Work.csv(rows: 4).utf8.count
                expected = "ldifbulk: \(work.input.path): \(size + 12) bytes now, \(size) when the conversion started"
            case .sameSizeOtherContent:
                try Data(Work.csv(rows: 4).replacingOccurrences(of: "App 3", with: "App X").utf8).write(to: work.input)
                expected = "ldifbulk: \(work.input.path): same size, but the content differs (sha256 now "
            case .gone:
                try FileManager.default.removeItem(at: work.input)
                expected = "ldifbulk: \(work.input.path): no longer there, or not readable"
            case .mapping:
                let yaml = try String(contentsOf: work.mapping, encoding: .utf8)
                try Data(yaml.replacingOccurrences(of: "Application", with: "ITComponent").utf8).write(to: work.mapping)
                expected = "ldifbulk: mapping \(work.mapping.path): "
            case .lookupTable:
                try Data("id,name\nAPP-1,Other\n".utf8).write(to: names)
                expected = "ldifbulk: lookup table \(names.path): same size, but the content differs"
            }
            let result = try await ldifbulk(
                ["resume", work.run.path], environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 1)
            #expect(result.standardError.contains(expected), "\(result.standardError)")
            #expect(
                result.standardError.contains(
                    "ldifbulk: not resuming: the conversion into \(work.run.path) was interrupted, and 1 file it "
                        + "reads changed or is gone since it started; start a new 'ldifbulk run'"))
            // Nothing sent, nothing touched: the partial conversion is as the kill left it.
            #expect(await emulator.store.state().runs.isEmpty)
            #expect(!exists(work, Manifest.fileName) && !exists(work, "ledger.jsonl") && !exists(work, "report.json"))
            #expect(exists(work, "chunk-0009.json.part") && exists(work, "chunk-0001.json"))
        }
    }

    @Test func standardInputIsKeptInTheRunDirectoryAndReadAgain() async throws {
        let work = try Work(rows: 5)
        let data = try Data(contentsOf: work.input)
        try FileManager.default.removeItem(at: work.input)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let first = try await interruptedRun(work, host: emulator.baseURL, inputs: ["-"], standardInput: data)
            let kept = work.run.appendingPathComponent(ConversionJob.standardInputName)
            #expect(try Data(contentsOf: kept) == data)
            let job = try #require(try ConversionJob.read(directory: work.run.path))
            #expect(job.inputs.map(\.name) == ["-"] && job.inputs.map(\.path) == [kept.path])

            let resumed = try await ldifbulk(
                ["resume", work.run.path, "--quiet"], environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(resumed.status == 0, "\(resumed.standardError)")
            let again = try manifest(work)
            #expect(again.inputs.map(\.name) == ["-"] && again.chunks == first.chunks)
            let sources = try String(
                contentsOf: work.run.appendingPathComponent(again.chunks[0].sources), encoding: .utf8)
            #expect(sources.contains(#""file":"-""#))
            let state = await emulator.store.state()
            #expect(state.delivered.count == 5 && state.delivered.allSatisfy { $0.count == 1 })
        }
    }

    @Test func aDirectoryWithNeitherManifestNorConversionRecordIsRefusedAsBefore() async throws {
        let work = try Work(rows: 1)
        try FileManager.default.createDirectory(at: work.run, withIntermediateDirectories: true)
        let result = try await ldifbulk(["resume", work.run.path], environment: ["LEANIX_API_TOKEN": "unused"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no manifest; give a directory written by"), "\(result.standardError)")
    }

    @Test func runRefusesADirectoryWhoseConversionWasInterrupted() async throws {
        let work = try Work(rows: 2)
        _ = try await interruptedRun(work, host: "http://127.0.0.1:9")
        let result = try await ldifbulk(
            ["run", "--mapping", work.mapping.path, "--out", work.run.path, "--emulator", work.input.path])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains(
                "holds a conversion that was interrupted: carry on with: ldifbulk resume \(work.run.path); "),
            "\(result.standardError)")
        let upload = try await ldifbulk(["upload", work.run.path, "--emulator"])
        #expect(upload.status == 1 && upload.standardError.contains("carry on with 'ldifbulk resume"))
    }
}
