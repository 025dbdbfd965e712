import Foundation
import IntegrationAPI
import IntegrationWire
import LDIFCore

/// The state of one upload: the ledger it appends to and the report it keeps current.
///
/// Every chunk state change goes through here: the ledger line is forced to
/// disk first, then `report.json` is rewritten atomically and the observer
/// told. Serialising these in one actor keeps ledger and report in step.
actor UploadSession {
    private let configuration: UploadConfiguration
    private let directory: UploadDirectory
    private let ledger: Ledger
    private let sessionId = UUID().uuidString.lowercased()
    private let tally: RequestTally
    private let observer: (any UploadObserver)?
    private var report: UploadReport
    private var positions: [Int: Int] = [:]
    /// The item errors of each chunk's latest verdict: a chunk sent again or bisected replaces its own.
    private var itemErrors: [Int: [ItemError]] = [:]
    private var highestIndex: Int
    /// The smallest chunk size the server refused as too large in this session.
    private(set) var refusedBytes: Int?

    init(
        configuration: UploadConfiguration, directory: UploadDirectory, ledger: Ledger, starts: [Int: ChunkStart],
        tally: RequestTally, observer: (any UploadObserver)?
    ) {
        self.configuration = configuration
        self.directory = directory
        self.ledger = ledger
        self.tally = tally
        self.observer = observer
        highestIndex = directory.highestIndex
        let manifest = directory.manifest
        report = UploadReport(
            tool: manifest.tool, host: configuration.target, conversionId: manifest.conversionId,
            options: configuration.reportOptions, startedAt: UTCTime.now(compact: false), state: "running",
            chunks: directory.chunks.map {
                UploadReport.Chunk(chunk: $0, start: starts[$0.index], parent: directory.parents[$0.index])
            },
            totals: UploadReport.Totals(), itemErrors: [])
        for (position, chunk) in directory.chunks.enumerated() {
            positions[chunk.index] = position
        }
        var kept: [Int: [ItemError]] = [:]
        for chunk in directory.chunks {
            if case .done(let outcome) = starts[chunk.index] { kept[chunk.index] = outcome.itemErrors }
        }
        itemErrors = kept
        report.itemErrors = directory.chunks.flatMap { kept[$0.index] ?? [] }
    }

    var current: UploadReport { report }

    /// Records the session and the chunks it means to send, with one sync for all.
    func begin(planned: [Manifest.Chunk]) throws {
        var entries = [entry(.session, pid: ProcessInfo.processInfo.processIdentifier)]
        entries += planned.map { entry(.planned, chunk: $0) }
        try ledger.append(entries)
        try publish(changed: nil)
    }

    /// A create for `chunk` is about to be sent; on disk before the request leaves.
    func submitting(_ chunk: Manifest.Chunk, attempt: Int) throws {
        try ledger.append(entry(.submitting, chunk: chunk, attempt: attempt))
        update(chunk.index) {
            $0.status = "submitting"
            $0.attempts = attempt
        }
        try publish(changed: chunk.index)
    }

    /// `chunk` has a run: created now, found in the run list, or followed from an earlier session.
    func submitted(_ chunk: Manifest.Chunk, run: RunStatus, adopted: Bool) throws {
        var line = entry(.submitted, chunk: chunk, runId: run.id)
        line.adopted = adopted ? true : nil
        try ledger.append(line)
        update(chunk.index) {
            $0.status = "running"
            $0.runId = run.id
            $0.runStatus = run.status?.rawValue ?? $0.runStatus
        }
        try publish(changed: chunk.index)
    }

    /// The server reports a new status for `chunk`'s run; only the report changes.
    func runStatus(_ chunk: Manifest.Chunk, _ status: RunState) throws {
        update(chunk.index) { $0.runStatus = status.rawValue }
        try publish(changed: chunk.index)
    }

    /// `chunk` reached its verdict in this session.
    func terminal(_ chunk: Manifest.Chunk, _ outcome: ChunkOutcome) throws {
        try ledger.append(entry(.terminal, chunk: chunk, runId: outcome.runId, outcome: outcome))
        update(chunk.index) { $0.apply(outcome, previously: false) }
        itemErrors[chunk.index] = outcome.itemErrors
        report.itemErrors = report.chunks.flatMap { itemErrors[$0.index] ?? [] }
        try publish(changed: chunk.index)
    }

    /// Replaces `chunk` by its two halves: their files written, the split on disk, the report showing them.
    ///
    /// - Parameters:
    ///   - refused: the server answered 413 for the chunk; later chunks at least this large are split first.
    ///   - reason: `tooLarge`, or `failed` (its run ended FAILED twice: bisected to find the items that fail it).
    func split(_ chunk: Manifest.Chunk, refused: Bool, reason: String) throws -> [Manifest.Chunk] {
        if refused { refusedBytes = min(refusedBytes ?? chunk.bytes, chunk.bytes) }
        let children = try ChunkSplitter(directory: directory).split(chunk, firstIndex: highestIndex + 1)
        highestIndex += children.count
        try SplitLog.append(
            SplitLog.Split(parent: chunk.index, reason: reason, children: children), directory: directory.url)
        if let position = positions[chunk.index] {
            report.chunks.replaceSubrange(
                position...position,
                with: children.map { UploadReport.Chunk(chunk: $0, start: nil, parent: chunk.index) })
            positions = [:]
            for (position, row) in report.chunks.enumerated() { positions[row.index] = position }
        }
        itemErrors[chunk.index] = nil
        report.itemErrors = report.chunks.flatMap { itemErrors[$0.index] ?? [] }
        try publish(changed: nil)
        return children
    }

    /// Marks chunks that were never sent and closes the report.
    func finish(interrupted: Bool) throws -> UploadReport {
        for position in report.chunks.indices {
            // A chunk left `submitting` may have a run, and a `running` one surely has: the ledger
            // says so, and the next upload looks it up or follows it instead of sending again.
            switch report.chunks[position].status {
            case "pending", "submitting": report.chunks[position].status = ChunkVerdict.notSubmitted.rawValue
            case "running": report.chunks[position].status = "interrupted"
            default: break
            }
        }
        report.state = interrupted ? "interrupted" : "finished"
        report.endedAt = UTCTime.now(compact: false)
        try publish(changed: nil)
        return report
    }

    private func update(_ index: Int, _ change: (inout UploadReport.Chunk) -> Void) {
        guard let position = positions[index] else { return }
        change(&report.chunks[position])
    }

    private func publish(changed: Int?) throws {
        report.totals = UploadReport.Totals(
            chunks: report.chunks, itemErrors: report.itemErrors.count, requests: tally.snapshot)
        report.totals.findingErrors = directory.manifest.findings.error
        try report.write(to: directory.file(UploadDirectory.reportName))
        observer?.uploadChanged(report, changed: changed)
    }

    private func entry(
        _ event: LedgerEntry.Event, chunk: Manifest.Chunk? = nil, attempt: Int? = nil, runId: String? = nil,
        outcome: ChunkOutcome? = nil, pid: Int32? = nil
    ) -> LedgerEntry {
        LedgerEntry(
            event: event, at: UTCTime.now(compact: false), session: sessionId, target: configuration.target,
            test: configuration.testRun, chunk: chunk?.index, sha256: chunk?.sha256, attempt: attempt, runId: runId,
            outcome: outcome, pid: pid)
    }
}
