import Emulator
import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing
import Upload

/// `ldifbulk resume DIR` as a user runs it: the built binary against an emulator in this process.
struct ResumeCommandTests {
    func ldifbulk(_ arguments: [String], environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        try await BinaryRunner.run(arguments, environment: environment)
    }

    func line(
        _ event: LedgerEntry.Event, _ chunk: Manifest.Chunk, target: String, runId: String? = nil,
        outcome: ChunkOutcome? = nil
    )
        -> LedgerEntry
    {
        LedgerEntry(
            event: event, at: "2026-01-01T00:00:00Z", session: "killed", target: target, test: false,
            chunk: chunk.index,
            sha256: chunk.sha256, attempt: event == .submitting ? 1 : nil, runId: runId, outcome: outcome)
    }

    func settings(host: String) -> UploadSettings {
        UploadSettings(
            host: host, emulator: false, tokenFile: nil, testRun: false, concurrency: 2, maxRequestsPerSecond: 500,
            runTimeoutSeconds: 60, allowFullChunks: false)
    }

    func report(_ directory: URL) throws -> UploadReport {
        try JSONDecoder().decode(
            UploadReport.self, from: Data(contentsOf: directory.appendingPathComponent(UploadDirectory.reportName)))
    }

    /// Every stage the ledger can leave a chunk in, each carried on the way issue 7 says.
    @Test func eachChunkCarriesOnFromWhereTheLedgerLeftIt() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(10, chunkSize: 2), into: directory.url)
        let chunks = manifest.chunks
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let target = emulator.baseURL
            let (followed, adopted) = try await EmulatorHarness.withClient(emulator) { client in
                (
                    try await client.createRun(
                        ldif: Data(contentsOf: directory.url.appendingPathComponent(chunks[1].file)), test: false),
                    try await client.createRun(
                        ldif: Data(contentsOf: directory.url.appendingPathComponent(chunks[2].file)), test: false)
                )
            }
            try Ledger(directory: directory.url).append([
                line(.submitted, chunks[0], target: target, runId: "delivered-earlier"),
                line(
                    .terminal, chunks[0], target: target,
                    outcome: ChunkOutcome(verdict: .succeeded, runId: "delivered-earlier")),
                line(.submitted, chunks[1], target: target, runId: followed.id),
                line(.submitting, chunks[2], target: target),
                line(.planned, chunks[3], target: target),
                line(.terminal, chunks[4], target: target, outcome: ChunkOutcome(verdict: .failed, message: "refused")),
            ])
            try settings(host: target).write(directory: directory.url)
            let environment = ["LEANIX_API_TOKEN": emulator.apiToken]

            let first = try await ldifbulk(["resume", directory.url.path, "--quiet"], environment: environment)
            #expect(first.status == 3, "\(first.standardError)")
            let resumed = try report(directory.url)
            #expect(resumed.verdicts == [.succeeded, .succeeded, .succeeded, .succeeded, .failed])
            #expect(resumed.chunks[0].previously && resumed.chunks[4].previously)
            #expect(resumed.chunks[1].runId == followed.id && resumed.chunks[1].attempts == 0)
            #expect(resumed.chunks[2].runId == adopted.id && resumed.chunks[2].attempts == 0)
            #expect(resumed.options.concurrency == 2)
            #expect(await emulator.store.state().runsPerKey(manifest) == [0, 1, 1, 1, 0])
            let entries = try Ledger.read(directory: directory.url).entries
            #expect(entries.contains { $0.event == .submitted && $0.adopted == true && $0.runId == adopted.id })

            let retried = try await ldifbulk(
                ["resume", directory.url.path, "--retry-failed"], environment: environment)
            #expect(retried.status == 0, "\(retried.standardError)")
            #expect(try report(directory.url).verdicts == Array(repeating: .succeeded, count: 5))
            let state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [0, 1, 1, 1, 1])
            #expect(state.delivered.count == 8 && state.delivered.allSatisfy { $0.count == 1 })
        }
    }

    @Test func aChunkChangedSinceConvertStopsTheResumeBeforeAnythingIsSent() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
        let file = directory.url.appendingPathComponent(manifest.chunks[1].file)
        // Same size, other bytes: only the sha256 tells.
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "App APP-3", with: "App APP-X")
        try Data(text.utf8).write(to: file)
        try settings(host: "http://127.0.0.1:9").write(directory: directory.url)
        let result = try await ldifbulk(["resume", directory.url.path], environment: ["LEANIX_API_TOKEN": "unused"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("\(manifest.chunks[1].file): sha256"), "\(result.standardError)")
        #expect(result.standardError.contains("not resuming: 1 chunk file changed since convert"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent(Ledger.fileName).path))
    }

    @Test func aDirectoryNeverUploadedNeedsAHost() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let result = try await ldifbulk(["resume", directory.url.path], environment: ["LEANIX_API_TOKEN": "unused"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("was never uploaded"), "\(result.standardError)")
    }

    @Test func uploadKeepsHostAndOptionsForResumeAndHostOverridesThem() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(2, chunkSize: 1), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let environment = ["LEANIX_API_TOKEN": emulator.apiToken]
            let uploaded = try await ldifbulk(
                [
                    "upload", directory.url.path, "--host", emulator.baseURL, "--test-run", "--concurrency", "2",
                    "--max-rps", "200",
                ],
                environment: environment)
            #expect(uploaded.status == 0, "\(uploaded.standardError)")
            let stored = try #require(try UploadSettings.read(directory: directory.url))
            #expect(
                stored.host == emulator.baseURL && stored.testRun && stored.concurrency == 2
                    && stored.maxRequestsPerSecond == 200)
            // The stored target is gone; --host points the resume at a live one, in the stored mode.
            var moved = stored
            moved.host = "http://127.0.0.1:9"
            try moved.write(directory: directory.url)
            let resumed = try await ldifbulk(
                ["resume", directory.url.path, "--host", emulator.baseURL], environment: environment)
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(resumed.standardError.contains("nothing to do"), "\(resumed.standardError)")
            #expect(await emulator.store.state().runsPerKey(manifest) == [1, 1])
        }
    }
}
