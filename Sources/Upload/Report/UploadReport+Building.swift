import IntegrationAPI
import LDIFCore

extension UploadReport.Chunk {
    /// A chunk as the manifest (or a split) describes it, with its outcome when an earlier session delivered it.
    init(chunk: Manifest.Chunk, start: ChunkStart?, parent: Int?) {
        self.init(
            index: chunk.index, file: chunk.file, phase: chunk.phase, items: chunk.items, bytes: chunk.bytes,
            sha256: chunk.sha256, runId: nil, status: "pending", runStatus: nil, previously: false, attempts: 0,
            requests: 0, httpErrors: 0, seconds: 0, warnings: 0, errors: 0, message: nil, parent: parent)
        if case .done(let outcome) = start { apply(outcome, previously: true) }
    }

    mutating func apply(_ outcome: ChunkOutcome, previously: Bool) {
        status = outcome.verdict.rawValue
        runId = outcome.runId ?? runId
        runStatus = outcome.runStatus ?? runStatus
        self.previously = previously
        attempts = outcome.attempts
        requests = outcome.requests
        httpErrors = outcome.httpErrors
        seconds = outcome.seconds
        warnings = outcome.warnings
        errors = outcome.errors
        message = outcome.message
    }

    /// The verdict, once the chunk has one.
    public var verdict: ChunkVerdict? { ChunkVerdict(rawValue: status) }
}

extension UploadReport.Totals {
    init(chunks: [UploadReport.Chunk], itemErrors: Int, requests: RequestCounts) {
        self.init()
        for chunk in chunks {
            self.chunks[chunk.status, default: 0] += 1
            items += chunk.items
            if chunk.verdict?.isDelivered == true { itemsDelivered += max(0, chunk.items - chunk.errors) }
        }
        self.itemErrors = itemErrors
        self.requests = requests.requests
        httpErrors = requests.httpErrors
        retries = requests.retries
    }
}

extension UploadReport {
    /// How the upload ended, for the exit code: the worst of failed chunks, then refused items or rows.
    public enum Outcome: Sendable, Equatable {
        /// Every chunk succeeded and nothing was refused anywhere.
        case clean
        /// Every chunk finished, but records or items were refused (by convert or by the server).
        case finishedWithErrors
        /// Some chunks failed, timed out, or were not submitted.
        case chunksFailed
    }

    public var outcome: Outcome {
        let verdicts = chunks.map { $0.verdict ?? .notSubmitted }
        if verdicts.contains(where: { !$0.isDelivered }) { return .chunksFailed }
        let refused = totals.findingErrors > 0 || !itemErrors.isEmpty || verdicts.contains(.finishedWithErrors)
        return refused ? .finishedWithErrors : .clean
    }
}
