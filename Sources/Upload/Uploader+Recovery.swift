import Foundation
import IntegrationAPI
import IntegrationWire
import LDIFCore

extension Uploader {
    /// Chunks looked up in the server's run list because the ledger said nothing about them
    /// although the directory's other records show that an upload ran before.
    public struct Recovery: Sendable, Equatable {
        /// The records that show an earlier upload (`report.json`, `errors.csv`, `ledger.damaged`).
        public var evidence: [String]
        /// Indexes of the chunks looked up.
        public var lookedUp: [Int]
        /// The chunks found in the run list, with their run: followed, not sent again.
        public var found: [Int: String]
        /// The ledger named some chunk, on any host or mode: false when it was emptied or deleted.
        public var ledgerHeldChunks: Bool

        /// The evidence as words: `report.json, errors.csv and ledger.damaged`.
        public var evidenceText: String { Self.listed(evidence) }

        static func listed(_ names: [String]) -> String {
            guard names.count > 1 else { return names.first ?? "" }
            return names.dropLast().joined(separator: ", ") + " and " + (names.last ?? "")
        }

        /// Worth a warning: runs were found that the ledger did not know, or the ledger knew no chunk at all.
        public var isSurprising: Bool { !found.isEmpty || !ledgerHeldChunks }
    }

    /// Where each chunk starts, and the chunks the ledger cannot vouch for: those it says nothing
    /// about on this target and mode, and those it says were never sent (no run id at all) while
    /// `report.json` names a run for them (a ledger cut short).
    func plan(_ directory: UploadDirectory, state: LedgerState) -> (
        starts: [Int: ChunkStart], unrecorded: [Manifest.Chunk]
    ) {
        let reported = reportedRuns(directory)
        var starts: [Int: ChunkStart] = [:]
        var unrecorded: [Manifest.Chunk] = []
        for chunk in directory.chunks {
            let history = state.history(chunk: chunk.index, target: configuration.target, test: configuration.testRun)
            let start = ChunkStart(history: history, sha256: chunk.sha256, retryFailed: configuration.retryFailed)
            starts[chunk.index] = start
            let cutShort =
                start == .send && reported[chunk.index] == chunk.sha256
                && state.knownRunIds(chunk: chunk.index, target: configuration.target).isEmpty
            if history == nil || cutShort { unrecorded.append(chunk) }
        }
        return (starts, unrecorded)
    }

    /// The sha256 of every chunk that `report.json` gives a run for, on this target and in this mode.
    private func reportedRuns(_ directory: UploadDirectory) -> [Int: String] {
        guard let report = Self.report(in: directory), report.host == configuration.target,
            report.options.testRun == configuration.testRun
        else { return [:] }
        var runs: [Int: String] = [:]
        for chunk in report.chunks where chunk.runId != nil {
            runs[chunk.index] = chunk.sha256
        }
        return runs
    }

    private static func report(in directory: UploadDirectory) -> UploadReport? {
        guard let data = try? Data(contentsOf: directory.file(UploadDirectory.reportName)) else { return nil }
        return try? JSONDecoder().decode(UploadReport.self, from: data)
    }

    /// The files of `directory` that an upload writes only after its first ledger lines: without a ledger
    /// they are the only memory left. (`upload.json` is no sign: it is written before the upload begins.)
    static func earlierRecords(in directory: UploadDirectory) -> [String] {
        [UploadDirectory.reportName, UploadDirectory.errorsName, Ledger.damagedName].filter {
            FileManager.default.fileExists(atPath: directory.file($0).path)
        }
    }

    /// Looks every chunk of `chunks` up by its key in the run list, and follows the run found instead of sending.
    ///
    /// One request for all of them. A run the ledger or (for the other mode) the report already
    /// names is never adopted.
    ///
    /// - Throws: `UploadError` when the run list cannot be read: sending without it could deliver twice.
    func recover(
        _ chunks: [Manifest.Chunk], starts: inout [Int: ChunkStart], state: LedgerState, directory: UploadDirectory,
        evidence: [String], ledgerHeldChunks: Bool
    ) async throws -> Recovery {
        let runs: [RunStatus]
        do {
            runs = try await client.runs()
        } catch let error as APIError {
            throw UploadError(
                .preflight,
                "\(directory.file(Ledger.fileName).path) holds nothing about \(chunks.count) chunk(s), although "
                    + "\(Recovery.listed(evidence)) show an earlier upload; they must be looked up in the run "
                    + "list before anything is sent, and the run list could not be read: \(error.description); try again"
            )
        }
        let otherMode = otherModeRunIds(directory)
        var recovery = Recovery(
            evidence: evidence, lookedUp: chunks.map(\.index), found: [:], ledgerHeldChunks: ledgerHeldChunks)
        for chunk in chunks {
            let known = state.knownRunIds(chunk: chunk.index, target: configuration.target)
                .union(otherMode[chunk.index] ?? [])
            let matching = runs.filter { !known.contains($0.id) && ($0.description ?? "").contains(chunk.key) }
            guard let best = matching.min(by: { Self.rank($0) < Self.rank($1) }) else { continue }
            starts[chunk.index] = .adopt(best)
            recovery.found[chunk.index] = best.id
        }
        return recovery
    }

    /// A finished run first, then one still going, then one that failed or stopped.
    private static func rank(_ run: RunStatus) -> Int {
        switch run.status {
        case .finished: 0
        case .failed, .stopped: 2
        default: 1
        }
    }

    /// Run ids that `report.json` gives for a session in the other mode (a test run against a real upload).
    private func otherModeRunIds(_ directory: UploadDirectory) -> [Int: Set<String>] {
        guard let report = Self.report(in: directory), report.options.testRun != configuration.testRun else {
            return [:]
        }
        var ids: [Int: Set<String>] = [:]
        for chunk in report.chunks {
            if let runId = chunk.runId { ids[chunk.index, default: []].insert(runId) }
        }
        return ids
    }
}
