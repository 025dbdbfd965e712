import Foundation
public import IntegrationAPI
import LDIFCore

/// Uploads a run directory: every chunk not yet delivered becomes an inbound run, followed to its verdict.
///
/// Before anything is sent it refuses `full` mode across chunks, takes the
/// directory's lock, reads the ledger to see what is left, and proves the
/// token works for the LDIF's workspace. Chunks go out phase by phase, at
/// most `concurrency` runs in flight.
public struct Uploader: Sendable {
    /// What `run()` did.
    public struct Result: Sendable {
        public var report: UploadReport
        /// Every chunk had been delivered before: nothing was sent.
        public var nothingToDo: Bool
        /// The pid of a dead process whose lock was taken over.
        public var staleLockOwner: Int32?
        /// The upload was cancelled (Ctrl-C) before it ended.
        public var interrupted: Bool
        /// Chunks the ledger knew nothing of, looked up in the run list before sending; nil when none were.
        public var recovery: Recovery?
    }

    public let configuration: UploadConfiguration
    public let client: IntegrationClient
    public let observer: (any UploadObserver)?

    public init(configuration: UploadConfiguration, client: IntegrationClient, observer: (any UploadObserver)? = nil) {
        self.configuration = configuration
        self.client = client
        self.observer = observer
    }

    /// Runs the upload to its end, writing ledger, `report.json` and `errors.csv` in the run directory.
    ///
    /// - Throws: `ConversionError` (not a run directory, locked, files unwritable) or `UploadError`
    ///   (refused before sending); chunk failures are verdicts in the report, not errors.
    public func run() async throws -> Result {
        let directory = try UploadDirectory(url: configuration.directory)
        try refuseFullChunks(directory.manifest)
        let (lock, staleOwner) = try RunLock.acquire(directory: directory.url)
        defer { lock.release() }
        let entries = try Ledger.read(directory: directory.url).entries
        let state = LedgerState(entries: entries)
        var (starts, unrecorded) = plan(directory, state: state)
        // A ledger emptied, deleted or cut short while report.json remains: the chunks may have runs already.
        let evidence = unrecorded.isEmpty ? [] : Self.earlierRecords(in: directory)
        let session = UploadSession(
            configuration: configuration, directory: directory, ledger: try Ledger(directory: directory.url),
            starts: starts,
            tally: client.tally, observer: observer)
        let pending = directory.chunks.filter { if case .done = starts[$0.index] { false } else { true } }
        var interrupted = false
        var recovery: Recovery?
        if !pending.isEmpty {
            try await preflight(directory.manifest)
            if !evidence.isEmpty {
                recovery = try await recover(
                    unrecorded, starts: &starts, state: state, directory: directory, evidence: evidence,
                    ledgerHeldChunks: entries.contains { $0.chunk != nil })
            }
            try await session.begin(planned: pending)
            do {
                try await send(pending, starts: starts, state: state, session: session, directory: directory)
            } catch is CancellationError {
                interrupted = true
            }
        }
        let report = try await session.finish(interrupted: interrupted)
        try ErrorsCSV.write(
            findings: directory.file(UploadDirectory.findingsName), itemErrors: report.itemErrors,
            to: directory.file(UploadDirectory.errorsName))
        return Result(
            report: report, nothingToDo: pending.isEmpty, staleLockOwner: staleOwner, interrupted: interrupted,
            recovery: recovery)
    }

    private func refuseFullChunks(_ manifest: Manifest) throws {
        guard manifest.header.processingMode == "full", manifest.chunks.count > 1, !configuration.allowFullChunks else {
            return
        }
        throw UploadError(
            .fullModeRefused,
            "the LDIF says processingMode: full, and there are \(manifest.chunks.count) chunks: each chunk would be taken "
                + "as the complete data set, and the server may archive what the other chunks hold. Convert with "
                + "processingMode: partial, or into one chunk (--chunk-items / --chunk-bytes), or pass --allow-full-chunks "
                + "if you know this is what you want")
    }

    /// The token exchange works, and the token's workspace is the LDIF's `lxWorkspace` when that is set.
    private func preflight(_ manifest: Manifest) async throws {
        let token: AccessToken
        do {
            token = try await client.accessToken()
        } catch let error as APIError {
            throw UploadError(.preflight, "preflight: \(error.description)")
        }
        if let wanted = manifest.header.lxWorkspace, let actual = token.workspaceId,
            wanted.caseInsensitiveCompare(actual) != .orderedSame
        {
            throw UploadError(
                .workspaceMismatch,
                "the LDIF's lxWorkspace is \(wanted), but the API token belongs to workspace \(actual) on \(client.host); "
                    + "use a token of workspace \(wanted), or fix lxWorkspace in the mapping")
        }
    }
}
