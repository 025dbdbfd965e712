import Foundation
import Testing
import Upload

struct LedgerTests {
    let target = "https://acme.leanix.net"

    func entry(
        _ event: LedgerEntry.Event, chunk: Int, test: Bool = false, sha: String = "aa",
        runId: String? = nil, outcome: ChunkOutcome? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            event: event, at: "2026-01-01T00:00:00Z", session: "s1", target: target, test: test,
            chunk: chunk, sha256: sha, runId: runId, outcome: outcome)
    }

    @Test func linesSurviveAReopenAndATornLastLine() throws {
        let directory = try TemporaryDirectory()
        let ledger = try Ledger(directory: directory.url)
        try ledger.append(entry(.submitting, chunk: 1))
        // A crash in the middle of a write leaves half a line without its line break.
        let handle = try FileHandle(forWritingTo: directory.url.appendingPathComponent(Ledger.fileName))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"event":"subm"#.utf8))
        try handle.close()
        let reopened = try Ledger(directory: directory.url)
        try reopened.append(entry(.submitted, chunk: 1, runId: "r-1"))
        let (entries, unreadable) = try Ledger.read(directory: directory.url)
        #expect(entries.map(\.event) == [.submitting, .submitted])
        #expect(entries.last?.runId == "r-1")
        #expect(unreadable == 1)
    }

    @Test func noLedgerReadsAsEmpty() throws {
        let directory = try TemporaryDirectory()
        let (entries, unreadable) = try Ledger.read(directory: directory.url)
        #expect(entries.isEmpty && unreadable == 0)
    }

    @Test(arguments: [
        ([LedgerEntry.Event.planned], ChunkStart.send),
        ([.planned, .submitting], .lookUpFirst),
        ([.planned, .submitting, .submitted], .follow(runId: "r-1")),
    ])
    func aChunkResumesWhereTheLedgerLeftIt(events: [LedgerEntry.Event], start: ChunkStart) {
        let entries = events.map { entry($0, chunk: 2, runId: $0 == .submitted ? "r-1" : nil) }
        let state = LedgerState(entries: entries)
        #expect(ChunkStart(history: state.history(chunk: 2, target: target, test: false), sha256: "aa") == start)
    }

    @Test(arguments: [
        (ChunkVerdict.succeeded, "done"), (.finishedWithErrors, "done"), (.failed, "send"),
        (.notSubmitted, "send"), (.timedOut, "follow"),
    ])
    func aTerminalVerdictDecidesWhetherToSendAgain(verdict: ChunkVerdict, expected: String) {
        let outcome = ChunkOutcome(verdict: verdict, runId: "r-9")
        let state = LedgerState(entries: [
            entry(.submitted, chunk: 1, runId: "r-9"), entry(.terminal, chunk: 1, outcome: outcome),
        ])
        let start = ChunkStart(history: state.history(chunk: 1, target: target, test: false), sha256: "aa")
        switch (start, expected) {
        case (.done(let kept), "done"): #expect(kept == outcome)
        case (.follow(let runId), "follow"): #expect(runId == "r-9")
        case (.send, "send"): break
        default: Issue.record("\(verdict) gave \(start)")
        }
    }

    @Test func testVerdictsAreKeptApartFromRealOnes() {
        let done = ChunkOutcome(verdict: .succeeded, runId: "t-1")
        let state = LedgerState(entries: [entry(.terminal, chunk: 1, test: true, outcome: done)])
        #expect(ChunkStart(history: state.history(chunk: 1, target: target, test: false), sha256: "aa") == .send)
        #expect(ChunkStart(history: state.history(chunk: 1, target: target, test: true), sha256: "aa") == .done(done))
        // The test run's id is still known, so a lookup for the real upload cannot adopt it.
        #expect(state.knownRunIds(chunk: 1, target: target) == ["t-1"])
        #expect(state.knownRunIds(chunk: 1, target: "emulator").isEmpty)
    }

    @Test func laterPlanningDoesNotHideAnUnfinishedCreate() {
        let state = LedgerState(entries: [entry(.submitting, chunk: 1), entry(.planned, chunk: 1)])
        #expect(ChunkStart(history: state.history(chunk: 1, target: target, test: false), sha256: "aa") == .lookUpFirst)
    }

    @Test func changedChunkBytesStartAfresh() {
        let done = ChunkOutcome(verdict: .succeeded, runId: "r-1")
        let state = LedgerState(entries: [entry(.terminal, chunk: 1, sha: "old", outcome: done)])
        #expect(ChunkStart(history: state.history(chunk: 1, target: target, test: false), sha256: "new") == .send)
    }

    @Test(arguments: [
        (ChunkOutcome(verdict: .failed, runId: "r-9"), ChunkStart.done(ChunkOutcome(verdict: .failed, runId: "r-9"))),
        (ChunkOutcome(verdict: .notSubmitted), .send),
        (ChunkOutcome(verdict: .timedOut, runId: "r-9"), .follow(runId: "r-9")),
        (ChunkOutcome(verdict: .succeeded, runId: "r-9"), .done(ChunkOutcome(verdict: .succeeded, runId: "r-9"))),
    ])
    func withoutRetryFailedAFailedChunkKeepsItsVerdictAndATimedOutRunIsStillFollowed(
        outcome: ChunkOutcome, start: ChunkStart
    ) {
        let state = LedgerState(entries: [entry(.terminal, chunk: 1, outcome: outcome)])
        let history = state.history(chunk: 1, target: target, test: false)
        #expect(ChunkStart(history: history, sha256: "aa", retryFailed: false) == start)
    }
}
