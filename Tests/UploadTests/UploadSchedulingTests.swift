import Emulator
import Foundation
import IntegrationAPI
import LDIFCore
import Testing
import Upload

/// Order, concurrency, budgets and paging, checked from the emulator's side.
struct UploadSchedulingTests {
    @Test func laterPhasesStartOnlyWhenEveryEarlierChunkHasEnded() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 2), phases: [1, 1, 2, 2], into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.runMs = 600 }) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.concurrency = 4 }.report
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            let all = await emulator.store.state().runs
            func runs(ofPhase phase: Int) -> [EmulatorState.Run] {
                let keys = manifest.chunks.filter { $0.phase == phase }.map(\.key)
                return all.filter { run in keys.contains { (run.description ?? "").contains($0) } }
            }
            let firstEnded = try #require(runs(ofPhase: 1).compactMap(\.finishedAt).max())
            let secondStarted = try #require(runs(ofPhase: 2).map(\.createdAt).min())
            #expect(runs(ofPhase: 1).count == 2 && runs(ofPhase: 2).count == 2)
            #expect(secondStarted >= firstEnded)
            // Within a phase both went at once: each was created before the other ended.
            let firstCreated = try #require(runs(ofPhase: 1).map(\.createdAt).max())
            #expect(firstCreated < (try #require(runs(ofPhase: 1).compactMap(\.finishedAt).min())))
        }
    }

    @Test func oneRunAtATimeByDefault() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(3, chunkSize: 1), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            _ = try await EmulatorHarness.upload(directory.url, to: emulator)
            let runs = await emulator.store.state().runs
            for (earlier, later) in zip(runs, runs.dropFirst()) {
                #expect(later.createdAt >= (try #require(earlier.finishedAt)))
            }
        }
    }

    @Test func everyPageOfWarningsIsRead() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(250, chunkSize: 250), into: directory.url)
        let options = EmulatorHarness.options {
            $0.rejectIdPattern = "^APP-"
            $0.itemMs = 0
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            #expect(report.chunks[0].errors == 250)
            #expect(Set(report.itemErrors.map(\.id)).count == 250)
            #expect(report.itemErrors.allSatisfy { $0.source != nil })
        }
    }

    @Test func theRequestBudgetKeepsTheUploadUnderTheServersLimit() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(4, chunkSize: 1), into: directory.url)
        // The server allows 25 a second; a budget of 10 (burst 10) never reaches it, however eager the polling.
        let options = EmulatorHarness.options {
            $0.rps = 25
            $0.runMs = 1500
        }
        var settings = EmulatorHarness.clientConfiguration()
        settings.requestsPerSecond = 10
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let started = ContinuousClock.now
            let report = try await EmulatorHarness.upload(directory.url, to: emulator, client: settings) {
                $0.concurrency = 4
                $0.pollSchedule = PollSchedule(minimum: .milliseconds(1), maximum: .milliseconds(1))
            }.report
            let seconds = (ContinuousClock.now - started).seconds
            let state = await emulator.store.state()
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(state.faultsInjected["rps"] == nil)
            #expect(Double(state.requestsServed) <= 10 + 10 * seconds + 1)
            #expect(state.requestsServed > 20)
        }
    }
}
