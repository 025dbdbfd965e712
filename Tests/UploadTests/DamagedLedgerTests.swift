import Emulator
import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing
import Upload

/// A delivered run directory whose ledger was emptied, deleted or overwritten: nothing is delivered twice.
struct DamagedLedgerTests {
    enum Damage: String, CaseIterable, Sendable {
        /// Emptied, deleted, or cut short after the lines that planned the chunks.
        case emptied, deleted, cutShort
    }

    /// Uploads four chunks of two items, then damages the ledger with `damage`.
    private func deliveredDirectory(
        _ emulator: RunningEmulator, damage: (URL) throws -> Void
    ) async throws -> (TemporaryDirectory, Manifest) {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 2), into: directory.url)
        let first = try await EmulatorHarness.upload(directory.url, to: emulator)
        #expect(first.report.verdicts.allSatisfy { $0 == .succeeded })
        #expect(first.recovery == nil)
        try damage(directory.url.appendingPathComponent(Ledger.fileName))
        return (directory, manifest)
    }

    @Test(arguments: Damage.allCases)
    func aLostLedgerLooksEveryChunkUpInsteadOfSendingItAgain(damage: Damage) async throws {
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let (directory, manifest) = try await deliveredDirectory(emulator) { ledger in
                switch damage {
                case .emptied: try Data().write(to: ledger)
                case .deleted: try FileManager.default.removeItem(at: ledger)
                case .cutShort:
                    let lines = try Data(contentsOf: ledger).split(separator: UInt8(ascii: "\n"))
                    // The session and the four planned chunks stay; every submitting, submitted, terminal line goes.
                    let kept = try lines.prefix(5).map { try JSONDecoder().decode(LedgerEntry.self, from: $0).event }
                    #expect(kept == [.session, .planned, .planned, .planned, .planned] && lines.count > 5)
                    try Data(lines.prefix(5).joined(separator: [UInt8(ascii: "\n")]) + [0x0A]).write(to: ledger)
                }
            }
            let again = try await EmulatorHarness.upload(directory.url, to: emulator)
            let state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
            #expect(state.delivered.count == 8 && state.delivered.allSatisfy { $0.count == 1 })
            #expect(again.report.verdicts.allSatisfy { $0 == .succeeded })
            let recovery = try #require(again.recovery)
            #expect(recovery.lookedUp == [1, 2, 3, 4] && recovery.found.count == 4)
            #expect(recovery.evidence.contains(UploadDirectory.reportName))
            // The runs found are in the new ledger: a third upload has nothing to do.
            let third = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(third.nothingToDo && third.recovery == nil)
        }
    }

    @Test(arguments: [
        (Data("garbage, not JSON\n".utf8), 1),
        (Data("\u{0}\u{1}\u{2}\u{ff}".utf8), 1),
        (Data(#"{"a":1}"#.utf8 + [0x0A]), 1),
    ])
    func aLedgerOverwrittenWithGarbageIsRefusedNamingItsLine(garbage: Data, line: Int) async throws {
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let (directory, manifest) = try await deliveredDirectory(emulator) { try garbage.write(to: $0) }
            let ledger = directory.url.appendingPathComponent(Ledger.fileName).path
            do {
                _ = try await EmulatorHarness.upload(directory.url, to: emulator)
                Issue.record("a ledger of garbage was accepted")
            } catch let error as ConversionError {
                #expect(error.description.contains("\(ledger):\(line): not a ledger entry"))
                #expect(error.description.contains("mv \(ledger)"))
            }
            #expect(await emulator.store.state().runsPerKey(manifest) == [1, 1, 1, 1])
            // Doing what the message says: nothing is sent twice.
            try FileManager.default.moveItem(
                atPath: ledger, toPath: directory.url.appendingPathComponent(Ledger.damagedName).path)
            for name in [UploadDirectory.reportName, UploadDirectory.errorsName] {
                try FileManager.default.removeItem(at: directory.url.appendingPathComponent(name))
            }
            let again = try await EmulatorHarness.upload(directory.url, to: emulator)
            let state = await emulator.store.state()
            #expect(again.recovery?.found.count == 4)
            #expect(again.recovery?.evidence == [Ledger.damagedName])
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
            #expect(state.delivered.count == 8 && state.delivered.allSatisfy { $0.count == 1 })
        }
    }

    @Test func garbageAmongGoodLinesIsRefusedAtItsLine() throws {
        let directory = try TemporaryDirectory()
        let ledger = try Ledger(directory: directory.url)
        let entry = LedgerEntry(event: .planned, at: "2026-01-01T00:00:00Z", session: "s", target: "t", test: false)
        try ledger.append([entry, entry])
        let file = directory.url.appendingPathComponent(Ledger.fileName)
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("#### overwritten\n".utf8))
        try handle.close()
        try ledger.append(entry)
        #expect(throws: ConversionError.self) { try Ledger.read(directory: directory.url) }
        do {
            _ = try Ledger.read(directory: directory.url)
        } catch let error as ConversionError {
            #expect(error.description.contains("\(file.path):3: not a ledger entry"))
        }
    }

    @Test func theCommandWarnsWhatItFoundAndSendsNothingTwice() async throws {
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let (directory, manifest) = try await deliveredDirectory(emulator) { try Data().write(to: $0) }
            let path = directory.url.path
            let result = try await BinaryRunner.run(
                ["upload", path, "--host", emulator.baseURL], environment: ["LEANIX_API_TOKEN": emulator.apiToken])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                result.standardError.contains(
                    "warning: \(path)/ledger.jsonl has no record of a run for 4 chunks on \(emulator.baseURL), "
                        + "although "
                        + "report.json and errors.csv show an earlier upload"), "\(result.standardError)")
            #expect(result.standardError.contains("4 found and followed, not sent again"))
            let state = await emulator.store.state()
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
            #expect(state.delivered.count == 8 && state.delivered.allSatisfy { $0.count == 1 })
        }
    }

    @Test func aLookUpNeverAdoptsTheRunsOfATestRunTheLedgerKnows() async throws {
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            let directory = try TemporaryDirectory()
            let manifest = try RunDirectoryFixture().write(
                RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
            let test = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.testRun = true }
            #expect(test.report.verdicts.allSatisfy { $0 == .succeeded })
            // The real upload has no history in the ledger, and report.json is there: the chunks are looked up.
            let real = try await EmulatorHarness.upload(directory.url, to: emulator)
            let state = await emulator.store.state()
            #expect(real.recovery?.lookedUp == [1, 2] && real.recovery?.found.isEmpty == true)
            #expect(real.recovery?.isSurprising == false, "nothing to warn about: the ledger is whole")
            #expect(state.runsPerKey(manifest) == [2, 2])
            #expect(state.delivered.count == 4 && state.delivered.allSatisfy { $0.count == 1 })
        }
    }
}
