import Emulator
import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing
import Upload

/// `ldifbulk upload` as a user runs it: the built binary, its exit codes, stderr and files.
struct UploadCommandTests {
    /// Runs the binary off the cooperative pool, so that an emulator in this process keeps serving.
    func ldifbulk(_ arguments: [String], environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        try await BinaryRunner.run(arguments, environment: environment)
    }

    @Test func uploadsToTheBuiltInEmulatorWithNoTokenNeeded() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(6, chunkSize: 3), into: directory.url)
        let result = try await ldifbulk(
            ["upload", directory.url.path, "--emulator"], environment: ["LEANIX_API_TOKEN": ""])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("emulator listening on http://127.0.0.1:"))
        #expect(result.standardError.contains("2 chunks: 2 succeeded · 6 of 6 items delivered"))
        #expect(result.standardError.contains("\(directory.url.path)/report.json"))
        let report = try JSONDecoder().decode(
            UploadReport.self, from: Data(contentsOf: directory.url.appendingPathComponent("report.json")))
        #expect(report.verdicts == [.succeeded, .succeeded])
    }

    @Test func runConvertsTheSampleThenUploadsEveryChunkToTheEmulator() async throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("run").path
        let result = try await ldifbulk([
            "run", "--mapping", Fixtures.mapping("applications.yaml"), "--emulator", "--out", out,
            Fixtures.path("applications.csv"),
        ])
        // The sample has one row without a name: convert rejects it, so the exit status is 2.
        #expect(result.status == 2, "\(result.standardError)")
        let report = try JSONDecoder().decode(
            UploadReport.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
        #expect(!report.chunks.isEmpty && report.chunks.allSatisfy { $0.verdict == .succeeded })
        #expect(report.totals.findingErrors == 1)
        let csv = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)
        #expect(csv.split(separator: "\r\n").count == 2 && csv.contains(",mapping,items[0].data.name,"))
    }

    @Test func itemsRefusedByTheServerAreTracedToTheRowsConvertRead() async throws {
        let directory = try TemporaryDirectory()
        let out = directory.url.appendingPathComponent("run").path
        let converted = try await ldifbulk([
            "convert", "--mapping", Fixtures.mapping("applications.yaml"), "--out", out, "fixtures/applications.csv",
        ])
        #expect(converted.status == 2, "\(converted.standardError)")
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.rejectIdPattern = "^app-a-101$" }) {
            emulator in
            let result = try await ldifbulk(
                ["upload", out, "--host", emulator.baseURL], environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 2, "\(result.standardError)")
            let report = try JSONDecoder().decode(
                UploadReport.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
            let refused = try #require(report.itemErrors.first)
            #expect(report.itemErrors.count == 1)
            #expect(refused.id == "app-a-101" && refused.type == "Application" && refused.rule == "items[0]")
            #expect(refused.source == ItemError.Source(file: "fixtures/applications.csv", line: 3, record: 2))
            let csv = try String(contentsOfFile: out + "/errors.csv", encoding: .utf8)
            #expect(csv.contains("fixtures/applications.csv,3,2,,,Application,app-a-101,upload,items[0],"))
        }
    }

    @Test func refusedItemsExitTwoAndTheTokenIsNeverShown() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options {
            $0.rejectIdPattern = "^APP-4$"
            $0.apiToken = "s3cr3t-token-value"
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let result = try await ldifbulk(
                ["upload", directory.url.path, "--host", emulator.baseURL, "--concurrency", "2"],
                environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 2, "\(result.standardError)")
            #expect(result.standardError.contains("finishedWithErrors"))
            #expect(!result.standardError.contains("to retry"))
            for name in ["report.json", "ledger.jsonl", "errors.csv"] {
                let text = try String(contentsOf: directory.url.appendingPathComponent(name), encoding: .utf8)
                #expect(!text.contains("s3cr3t"), "\(name) shows the token")
            }
            #expect(!(result.standardError + result.standardOutput).contains("s3cr3t"))
        }
    }

    @Test func aTokenFileOthersCanReadIsWarnedAboutAndNeverShown() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(2, chunkSize: 2), into: directory.url)
        let tokenFile = directory.url.appendingPathComponent("token").path
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.apiToken = "s3cr3t-token-value" }) {
            emulator in
            try Data("s3cr3t-token-value\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
            try #require(chmod(tokenFile, 0o644) == 0)
            let arguments = ["upload", directory.url.path, "--host", emulator.baseURL, "--token-file", tokenFile]
            let result = try await ldifbulk(arguments, environment: ["LEANIX_API_TOKEN": ""])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                result.standardError.contains("the API token file \(tokenFile) can be read by other users (mode 644)"),
                "\(result.standardError)")
            #expect(!(result.standardError + result.standardOutput).contains("s3cr3t"))
            // Two tokens in the file: refused before anything is sent, neither shown.
            try Data("s3cr3t-token-value\nother-s3cr3t\n".utf8).write(to: URL(fileURLWithPath: tokenFile))
            let twice = try await ldifbulk(arguments + ["--test-run"], environment: ["LEANIX_API_TOKEN": ""])
            #expect(twice.status == 1 && twice.standardError.contains("2 non-empty lines"), "\(twice.standardError)")
            #expect(!(twice.standardError + twice.standardOutput).contains("s3cr3t"))
        }
    }

    @Test func failedChunksExitThreeAndPrintTheRetryCommand() async throws {
        let directory = try TemporaryDirectory()
        // One item too large for the server: its chunk cannot be split, so it fails.
        let manifest = try RunDirectoryFixture().write(
            [[.init(id: "A", name: String(repeating: "x", count: 4000))], [.init(id: "B")]], into: directory.url)
        let options = EmulatorHarness.options { $0.maxBody = manifest.chunks[0].bytes - 1 }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let arguments = ["upload", directory.url.path, "--host", emulator.baseURL, "--max-rps", "50"]
            let result = try await ldifbulk(arguments, environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 3, "\(result.standardError)")
            #expect(
                result.standardError.contains(
                    "to retry what did not go through: ldifbulk \(arguments.joined(separator: " "))"))
            #expect(
                result.standardError.contains("chunk 1: ") && result.standardError.contains("413"),
                "\(result.standardError)")
        }
    }

    @Test func aRunTimeoutEndsTheWaitWithExitThree() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.runMs = 600_000 }) { emulator in
            let result = try await ldifbulk(
                ["upload", directory.url.path, "--host", emulator.baseURL, "--run-timeout", "800ms"],
                environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 3, "\(result.standardError)")
            #expect(result.standardError.contains("timedOut") && result.standardError.contains("after 0.8s"))
            #expect(result.standardError.contains("--run-timeout 800ms"))
        }
    }

    @Test(arguments: [
        (["--host", "http://example.com"], Int32(64), "plain http is allowed only for loopback"),
        (["--host", "https://127.0.0.1:9", "--emulator"], 64, "not both"),
        (["--concurrency", "0", "--emulator"], 64, "--concurrency"),
        (["--host", "https://127.0.0.1:9"], 1, "LEANIX_API_TOKEN"),
    ])
    func badOptionsAreRefusedWithTheirExitCode(arguments: [String], status: Int32, message: String) async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let result = try await ldifbulk(
            ["upload", directory.url.path] + arguments, environment: ["LEANIX_API_TOKEN": ""])
        #expect(result.status == status)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func fullModeAcrossChunksExitsOne() async throws {
        let directory = try TemporaryDirectory()
        var fixture = RunDirectoryFixture()
        fixture.processingMode = "full"
        try fixture.write(RunDirectoryFixture.applications(2, chunkSize: 1), into: directory.url)
        let result = try await ldifbulk(["upload", directory.url.path, "--emulator"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("processingMode: full"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("ledger.jsonl").path))
    }
}

/// Ctrl-C in the middle of an upload, and the next upload carrying on.
struct UploadInterruptTests {
    @Test func anInterruptedUploadExits130AndTheNextOneFollowsTheSameRun() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(2, chunkSize: 1), into: directory.url)
        let report = directory.url.appendingPathComponent("report.json")
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.runMs = 2500 }) { emulator in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.executable)
            process.arguments = ["upload", directory.url.path, "--host", emulator.baseURL, "--quiet"]
            process.environment = ProcessInfo.processInfo.environment.merging(["LEANIX_API_TOKEN": emulator.apiToken]) {
                $1
            }
            let standardError = Pipe()
            process.standardError = standardError
            try process.run()
            // Interrupt once the first chunk's run exists.
            for _ in 0..<1000 where await emulator.store.state().runs.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
            try await Task.sleep(for: .milliseconds(100))
            process.interrupt()
            let status = try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async {
                    process.waitUntilExit()
                    continuation.resume(returning: process.terminationStatus)
                }
            }
            #expect(status == 130)
            let printed = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed.contains("interrupted: carry on with: ldifbulk resume \(directory.url.path)"), "\(printed)")
            let interrupted = try JSONDecoder().decode(UploadReport.self, from: Data(contentsOf: report))
            #expect(interrupted.state == "interrupted")
            #expect(interrupted.chunks.map(\.status) == ["interrupted", "notSubmitted"])
            #expect(
                !FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(RunLock.fileName).path))
            // The next upload follows the run the first one started, and sends the rest.
            let resumed = try await EmulatorHarness.upload(directory.url, to: emulator).report
            #expect(resumed.verdicts == [.succeeded, .succeeded])
            #expect(resumed.chunks[0].runId == interrupted.chunks[0].runId)
            #expect(await emulator.store.state().runsPerKey(manifest) == [1, 1])
        }
    }
}
