import Emulator
import Foundation
import IntegrationAPI
import LDIFCore
import Testing
import Upload

/// The uploader against an emulator that misbehaves on purpose: rate limits, outages, lost answers,
/// expiring tokens, runs that never end.
struct UploadFaultTests {
    @Test func rateLimitsAreWaitedOutAsTheServerAsks() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options {
            $0.faults = FaultRates(tooManyRequests: 0.3)
            $0.seed = 7
        }
        let clock = SkippingClock()
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(
                directory.url, to: emulator, client: EmulatorHarness.clientConfiguration(clock: clock)
            ).report
            let state = await emulator.store.state()
            let injected = try #require(state.faultsInjected["429"])
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(report.totals.retries == injected)
            // The emulator says Retry-After: 1; the client waited exactly that long each time.
            #expect(clock.sleeps.filter { $0 == .seconds(1) }.count == injected)
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
        }
    }

    @Test func rateLimitsWithoutRetryAfterBackOffOnTheirOwn() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options {
            $0.faults = FaultRates(tooManyRequestsBare: 0.3)
            $0.seed = 7
        }
        let clock = SkippingClock()
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(
                directory.url, to: emulator, client: EmulatorHarness.clientConfiguration(clock: clock)
            ).report
            let state = await emulator.store.state()
            let injected = try #require(state.faultsInjected["429bare"])
            #expect(injected > 2)
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(report.totals.retries == injected)
            // No Retry-After: the client backed off by itself, never for the 1 s the other test sees.
            #expect(clock.sleeps.filter { $0 == .seconds(1) }.isEmpty)
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
            #expect(state.delivered.allSatisfy { $0.count == 1 } && state.delivered.count == 8)
        }
    }

    @Test func burstsOf503AreRetriedWithoutDuplicates() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(8, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options {
            $0.faults = FaultRates(unavailable: 0.4)
            $0.seed = 3
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.concurrency = 4 }.report
            let state = await emulator.store.state()
            #expect(try #require(state.faultsInjected["503"]) > 3)
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(report.totals.httpErrors == state.faultsInjected["503"])
            #expect(state.runsPerKey(manifest) == [1, 1, 1, 1])
            #expect(state.delivered.allSatisfy { $0.count == 1 } && state.delivered.count == 8)
        }
    }

    @Test func lostCreateAnswersNeverMakeASecondRun() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(12, chunkSize: 2), into: directory.url)
        let options = EmulatorHarness.options {
            $0.faults = FaultRates(lost: 0.35, reset: 0.15)
            $0.seed = 11
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator) { $0.concurrency = 3 }.report
            let state = await emulator.store.state()
            #expect(try #require(state.faultsInjected["lost"]) > 0)
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(state.runsPerKey(manifest) == Array(repeating: 1, count: 6))
            #expect(state.delivered.count == 12 && state.delivered.allSatisfy { $0.count == 1 })
            let (entries, _) = try Ledger.read(directory: directory.url)
            #expect(entries.contains { $0.event == .submitted && $0.adopted == true })
        }
    }

    @Test func anUnansweredCreateFromAnEarlierSessionIsFoundNotRepeated() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(4, chunkSize: 2), into: directory.url)
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options()) { emulator in
            // An earlier session wrote `submitting`, sent the create, and died before the answer.
            let chunk = manifest.chunks[0]
            let bytes = try Data(contentsOf: directory.url.appendingPathComponent(chunk.file))
            let earlier = try await EmulatorHarness.withClient(emulator) {
                try await $0.createRun(ldif: bytes, test: false)
            }
            try Ledger(directory: directory.url).append(
                LedgerEntry(
                    event: .submitting, at: "2026-01-01T00:00:00Z", session: "dead", target: emulator.baseURL,
                    test: false,
                    chunk: chunk.index, sha256: chunk.sha256, attempt: 1))
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            #expect(report.verdicts == [.succeeded, .succeeded])
            #expect(report.chunks[0].runId == earlier.id && report.chunks[0].attempts == 0)
            #expect(await emulator.store.state().runsPerKey(manifest) == [1, 1])
        }
    }

    @Test func tokensAreRenewedBeforeTheyExpire() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(3, chunkSize: 1), into: directory.url)
        let options = EmulatorHarness.options {
            // Two seconds: renewal comes half a second early, a margin that holds
            // when the machine is busy running every other suite at once.
            $0.tokenTTL = 2
            $0.runMs = 900
        }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            let state = await emulator.store.state()
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            #expect(state.tokensIssued >= 2)
            #expect(report.totals.httpErrors == 0)
        }
    }

    @Test func aTokenRefusedAsExpiredIsRenewedOnceAndTheUploadGoesOn() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(3, chunkSize: 1), into: directory.url)
        let options = EmulatorHarness.options {
            $0.tokenTTL = 1
            $0.runMs = 700
        }
        // A client that trusts its token for 5 s past its expiry meets the server's 401s.
        let settings = EmulatorHarness.clientConfiguration(renewBefore: .seconds(-5))
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator, client: settings).report
            let state = await emulator.store.state()
            #expect(report.verdicts.allSatisfy { $0 == .succeeded })
            // Each 401 cost one renewal (a slow machine may add a planned one after 5 s).
            #expect(report.totals.httpErrors > 0)
            #expect(state.tokensIssued >= 2 && state.tokensIssued <= report.totals.httpErrors + 3)
        }
    }

    @Test func aRunThatNeverEndsTimesOutAndIsFollowedNotResent() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let options = EmulatorHarness.options { $0.runMs = 3_600_000 }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let first = try await EmulatorHarness.upload(directory.url, to: emulator) {
                $0.runTimeout = .milliseconds(300)
            }.report
            #expect(first.verdicts == [.timedOut] && first.outcome == .chunksFailed)
            #expect(first.chunks[0].message?.contains("upload again to follow it") == true)
            let second = try await EmulatorHarness.upload(directory.url, to: emulator) {
                $0.runTimeout = .milliseconds(300)
            }.report
            #expect(second.verdicts == [.timedOut] && second.chunks[0].runId == first.chunks[0].runId)
            #expect(await emulator.store.state().runsPerKey(manifest) == [1])
        }
    }

    @Test func aServerThatStaysDownFailsThePreflightAfterEightTries() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let options = EmulatorHarness.options { $0.faults = FaultRates(unavailable: 1) }
        let clock = SkippingClock()
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let error = await #expect(throws: UploadError.self) {
                try await EmulatorHarness.upload(
                    directory.url, to: emulator, client: EmulatorHarness.clientConfiguration(clock: clock))
            }
            #expect(error?.code == .preflight && error?.message.contains("after 8 attempts") == true)
            #expect(await emulator.store.state().requestsServed == 8)
            #expect(clock.sleeps.count == 7)
        }
    }

    @Test func aRunLostFromSightIsLeftToBeFollowedNotSentAgain() async throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let clock = SkippingClock()
        var upload: Task<Uploader.Result, any Error>?
        try await EmulatorServer.withRunningEmulator(EmulatorHarness.options { $0.runMs = 600_000 }) { emulator in
            upload = Task {
                try await EmulatorHarness.upload(
                    directory.url, to: emulator, client: EmulatorHarness.clientConfiguration(clock: clock))
            }
            for _ in 0..<1000 where await emulator.store.state().runs.isEmpty {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        // The server is gone while its run goes on: the chunk is not failed (which would send it again).
        let report = try await #require(upload).value.report
        #expect(report.verdicts == [.timedOut])
        #expect(report.chunks[0].runId != nil && report.chunks[0].message?.contains("lost track of run") == true)
        let history = LedgerState(entries: try Ledger.read(directory: directory.url).entries)
            .history(chunk: 1, target: report.host, test: false)
        #expect(
            ChunkStart(history: history, sha256: report.chunks[0].sha256) == .follow(runId: report.chunks[0].runId!))
    }
}
