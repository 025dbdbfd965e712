import Emulator
import Foundation
import LDIFCore
import Testing
import Upload

/// The uploader against the emulator over real HTTP: delivery, refusals, failures, the ledger's memory.
struct UploadEndToEndTests {
    @Test func everyChunkIsDeliveredOnceAndReported() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(13, chunkSize: 5), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let result = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.concurrency = 2 }
            let report = result.report
            #expect(report.verdicts == [.succeeded, .succeeded, .succeeded])
            #expect(report.outcome == .clean && report.state == "finished" && !result.nothingToDo)
            #expect(report.totals.itemsDelivered == 13 && report.itemErrors.isEmpty)
            #expect(report.chunks.allSatisfy { $0.runId != nil && $0.attempts == 1 && $0.runStatus == "FINISHED" })
            let state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [1, 1, 1])
            #expect(state.runs.allSatisfy { !$0.test })
            #expect((1...13).allSatisfy { state.deliveries(type: "Application", id: "APP-\($0)") == 1 })
            let written = try JSONDecoder().decode(
                UploadReport.self, from: Data(contentsOf: directory.url.appendingPathComponent("report.json")))
            #expect(written == report)
            let csv = try Data(contentsOf: directory.url.appendingPathComponent("errors.csv"))
            #expect(csv == Data(("\u{FEFF}" + ErrorsCSV.columns.joined(separator: ",") + "\r\n").utf8))
        }
    }

    @Test func refusedItemsAreTracedToTheirSourceRows() async throws {
        let directory = try TemporaryDirectory()
        var fixture = RunDirectoryFixture()
        fixture.findings = [
            Finding(
                .error, .parse, code: "ragged-row", message: "3 fields, expected 4",
                location: SourceLocation(file: "apps.csv", line: 40, record: 39))
        ]
        var chunks = RunDirectoryFixture.applications(8, chunkSize: 4)
        chunks[1][2].name = nil  // APP-7 has no name: the server refuses the fact sheet.
        try fixture.write(chunks, into: directory.url)
        let options = EmulatorHarness.options { $0.rejectIdPattern = "^APP-2$" }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            #expect(report.verdicts == [.finishedWithErrors, .finishedWithErrors])
            #expect(report.outcome == .finishedWithErrors)
            #expect(report.chunks.map(\.errors) == [1, 1])
            #expect(report.totals.itemsDelivered == 6 && report.totals.findingErrors == 1)
            let refused = report.itemErrors.sorted { $0.id < $1.id }
            #expect(refused.map(\.id) == ["APP-2", "APP-7"])
            // Item i comes from record i on line i + 1 of apps.csv.
            #expect(
                refused.map(\.source) == [
                    .init(file: "apps.csv", line: 3, record: 2), .init(file: "apps.csv", line: 8, record: 7),
                ])
            #expect(refused.allSatisfy { $0.type == "Application" && $0.rule == "items[0]" })
            #expect(refused[1].message.contains("name"))
            let csv = try String(contentsOf: directory.url.appendingPathComponent("errors.csv"), encoding: .utf8)
            let rows = csv.split(separator: "\r\n").map(String.init)
            #expect(rows.count == 4)
            #expect(rows.contains { $0.hasPrefix("apps.csv,40,39,,,,,parse,ragged-row,") })
            #expect(rows.contains { $0.hasPrefix("apps.csv,3,2,,,Application,APP-2,upload,items[0],\"Item refused") })
            #expect(rows.contains { $0.hasPrefix("apps.csv,8,7,,,Application,APP-7,upload,items[0],") })
            let state = await emulator.store.state()
            #expect(state.deliveries(type: "Application", id: "APP-1") == 1)
            #expect(state.deliveries(type: "Application", id: "APP-2") == 0)
        }
    }

    @Test func aChunkWhoseRunFailsTwiceIsBisectedToItsPoisonItem() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(6, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options { $0.failIdPattern = "^APP-3$" }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let first = try await EmulatorHarness.upload(directory.url, to: emulator).report
            // Chunk 2 (APP-3, APP-4) is replaced by its halves: APP-3 fails alone, APP-4 goes through.
            #expect(first.verdicts == [.succeeded, .finishedWithErrors, .succeeded, .succeeded])
            #expect(first.chunks.map(\.items) == [2, 1, 1, 2])
            #expect(first.outcome == .finishedWithErrors)
            let poison = first.chunks[1]
            #expect(poison.runStatus == "FAILED" && poison.message?.contains("alone ended FAILED") == true)
            #expect(first.itemErrors.map(\.id) == ["APP-3"])
            // Uploading again sends nothing: the poison item keeps its verdict.
            let second = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(second.nothingToDo && second.report.verdicts == first.verdicts)
            let state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [1, 2, 1])
            #expect(state.deliveries(type: "Application", id: "APP-3") == 0)
            #expect(state.deliveries(type: "Application", id: "APP-4") == 1)
        }
    }

    @Test func aStoppedRunFailsItsChunk() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let options = EmulatorHarness.options { $0.runMs = 600_000 }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            async let upload = EmulatorHarness.upload(directory.url, to: emulator)
            // Stop the run from outside, as a person in the LeanIX UI would.
            try await EmulatorHarness.withClient(emulator) { other in
                var runId: String?
                for _ in 0..<500 where runId == nil {
                    runId = await emulator.store.state().runs.first?.id
                    if runId == nil { try await Task.sleep(for: .milliseconds(10)) }
                }
                try await other.stop(try #require(runId))
            }
            let report = try await upload.report
            #expect(report.verdicts == [.failed])
            #expect(report.chunks[0].runStatus == "STOPPED" && report.chunks[0].message?.contains("STOPPED") == true)
        }
    }

    @Test func aTestRunIsKeptApartAndADeliveredDirectoryIsLeftAlone() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let dry = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.testRun = true }
            #expect(dry.report.verdicts == [.succeeded, .succeeded] && dry.report.options.testRun)
            var state = await emulator.store.state()
            #expect(state.runs.count == 2 && state.runs.allSatisfy(\.test) && state.delivered.isEmpty)
            let real = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(real.report.verdicts == [.succeeded, .succeeded] && !real.nothingToDo)
            state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [2, 2] && state.runs.filter(\.test).count == 2)
            #expect(state.delivered.count == 4)
            let again = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(again.nothingToDo && again.report.chunks.allSatisfy(\.previously))
            #expect(await emulator.store.state().runs.count == 4)
        }
    }

    @Test func fullModeAcrossChunksIsRefusedBeforeAnythingIsSent() async throws {
        let directory = try TemporaryDirectory()
        var fixture = RunDirectoryFixture()
        fixture.processingMode = "full"
        try fixture.write(RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let error = await #expect(throws: UploadError.self) {
                try await EmulatorHarness.upload(directory.url, to: emulator)
            }
            #expect(error?.code == .fullModeRefused && error?.message.contains("--allow-full-chunks") == true)
            #expect(await emulator.store.state().requestsServed == 0)
            let allowed = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.allowFullChunks = true }
            #expect(allowed.report.verdicts == [.succeeded, .succeeded])
        }
    }

    @Test func aTokenForAnotherWorkspaceIsRefusedBeforeAnythingIsSent() async throws {
        let directory = try TemporaryDirectory()
        var fixture = RunDirectoryFixture()
        fixture.lxWorkspace = "00000000-0000-0000-0000-000000000001"
        try fixture.write([[.init(id: "A")]], into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let error = await #expect(throws: UploadError.self) {
                try await EmulatorHarness.upload(directory.url, to: emulator)
            }
            #expect(error?.code == .workspaceMismatch && error?.message.contains(emulator.workspaceId) == true)
            #expect(await emulator.store.state().runs.isEmpty)
        }
    }
}
