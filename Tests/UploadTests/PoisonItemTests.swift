import Emulator
import Foundation
import LDIFCore
import Testing
import Upload

/// A chunk whose run ends FAILED twice is bisected down to the items that fail it alone.
struct PoisonItemTests {
    @Test func aPoisonItemIsIsolatedAndEveryOtherItemDelivered() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 8), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.failIdPattern = "^APP-3$" }) {
            emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            // 8 → 4 + 4, 4 → 2 + 2, 2 → 1 + 1: the leaves in content order.
            #expect(report.chunks.map(\.items) == [2, 1, 1, 4])
            #expect(report.verdicts == [.succeeded, .finishedWithErrors, .succeeded, .succeeded])
            #expect(report.totals.items == 8 && report.totals.itemsDelivered == 7 && report.totals.itemErrors == 1)
            #expect(report.outcome == .finishedWithErrors)
            let poison = try #require(report.itemErrors.first)
            #expect(report.itemErrors.count == 1)
            #expect(poison.id == "APP-3" && poison.type == "Application" && poison.rule == "items[0]")
            #expect(poison.source == ItemError.Source(file: "apps.csv", line: 4, record: 3))
            let state = await emulator.store.state()
            #expect(state.deliveries(type: "Application", id: "APP-3") == 0)
            #expect(state.delivered.count == 7 && state.delivered.allSatisfy { $0.count == 1 })
            // The whole chunk was tried twice as it was; its halves are not retried as they are.
            #expect(state.runsPerKey(manifest) == [2])
            #expect(state.runs.count == 2 + 6)
            let splits = try SplitLog.read(directory: directory.url)
            #expect(splits.map(\.reason) == ["failed", "failed", "failed"])
            // Each leaf names the chunk it is half of: the manifest's chunk, or a half split again.
            let parentOf = Dictionary(
                uniqueKeysWithValues: splits.flatMap { split in split.children.map { ($0.index, split.parent) } })
            #expect(report.chunks.allSatisfy { $0.parent != nil && $0.parent == parentOf[$0.index] })
            #expect(Set(report.chunks.compactMap(\.parent)).count == 3)
            // Nothing is left to send: the isolated item keeps its verdict.
            let again = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(again.nothingToDo && again.report.itemErrors == report.itemErrors)
        }
    }

    @Test func aRunThatFailsOnceIsSentAgainAsItIs() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(4, chunkSize: 4), into: directory.url)
        let options = EmulatorHarness.options {
            $0.faults = try! FaultRates(parsing: "fail=0.5")
            $0.seed = 6
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            let state = await emulator.store.state()
            // The seed draws `fail` for the first run only: the same chunk, sent again as it was, succeeds.
            #expect(state.faultsInjected["fail"] == 1, "\(state.faultsInjected)")
            #expect(state.runsPerKey(manifest) == [2])
            #expect(report.verdicts == [.succeeded] && report.chunks[0].attempts == 1)
            #expect(state.delivered.count == 4 && state.delivered.allSatisfy { $0.count == 1 })
            #expect(try SplitLog.read(directory: directory.url).isEmpty)
        }
    }
}
