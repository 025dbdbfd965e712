import Foundation
import IntegrationAPI
import IntegrationWire
import LDIFCore

/// Takes one chunk from where the ledger left it to a verdict: send (or find) its run,
/// follow it to the end, and read what the server says about its items.
struct ChunkUploader: Sendable {
    let client: IntegrationClient
    let session: UploadSession
    let directory: UploadDirectory
    let configuration: UploadConfiguration

    /// A reason the chunk ends early: no run was made, or the run could not be followed to its end.
    struct Stop: Error {
        var verdict: ChunkVerdict
        var message: String
        var attempts: Int = 0
        var unauthorized = false
        /// The run, when there is one: the ledger keeps it, so that the next upload follows it.
        var runId: String?
    }

    /// Uploads `chunk` and records its verdict.
    ///
    /// - Parameter known: run ids the ledger holds for this chunk; the run-list lookup never adopts them.
    /// - Returns: the outcome, and whether the failure means no later chunk can succeed (the token was refused).
    /// - Throws: only `CancellationError` and errors writing the ledger or report.
    func upload(
        _ chunk: Manifest.Chunk, start: ChunkStart, known: Set<String>, bisecting: Bool = false
    ) async throws -> (ChunkOutcome, stopAll: Bool) {
        var result: (ChunkOutcome, stopAll: Bool)
        do {
            result = try await uploadWhole(chunk, start: start, known: known)
            // A FAILED run may be passing trouble: once more as it is, unless this is a half of a chunk that failed twice.
            if result.0.runStatus == RunState.failed.rawValue, !bisecting {
                result = try await uploadWhole(
                    chunk, start: .send, known: known.union([result.0.runId].compactMap { $0 }))
            }
        } catch let tooLarge as TooLarge {
            guard chunk.items > 1 else {
                // One item the server will not take: the chunk fails, and the item is in the item errors too.
                let refused = ChunkOutcome(verdict: .failed, attempts: tooLarge.attempts, message: tooLarge.message)
                let why = "the server refused this item alone as too large: \(tooLarge.message)"
                return (try await isolated(chunk, refused, why: why, verdict: .failed), false)
            }
            return try await uploadHalves(chunk, refused: tooLarge.refused, reason: "tooLarge", bisecting: bisecting)
        }
        guard result.0.runStatus == RunState.failed.rawValue else { return result }
        if chunk.items > 1 { return try await uploadHalves(chunk, refused: false, reason: "failed", bisecting: true) }
        var failed = result.0
        failed.message = "the run of this item alone ended FAILED: the item is refused, the rest of its chunk went on"
        let why = "its run ended FAILED when sent alone (\(failed.runId ?? "no run"))"
        return (try await isolated(chunk, failed, why: why), result.stopAll)
    }

    /// A single item the server will not take: an item error with its source; every other item went on.
    private func isolated(
        _ chunk: Manifest.Chunk, _ failed: ChunkOutcome, why: String, verdict: ChunkVerdict = .finishedWithErrors
    ) async throws -> ChunkOutcome {
        let sources = (try? directory.itemSources(of: chunk)) ?? []
        var outcome = failed
        outcome.verdict = verdict
        outcome.errors = chunk.items
        outcome.itemErrors = sources.map { source in
            ItemError(
                chunk: chunk.index, type: source.type, id: source.id,
                source: ItemError.Source(
                    file: source.file, line: source.line, record: source.record, pointer: source.pointer,
                    sheet: source.sheet),
                rule: source.rule, message: why)
        }
        try await session.terminal(chunk, outcome)
        return outcome
    }

    /// The server refused the chunk as too large (413), or it is at least as large as one it refused.
    struct TooLarge: Error {
        var refused: Bool
        var attempts = 0
        var message = ""
    }

    /// Splits `chunk` in two and uploads each half like any chunk (split again when too large or FAILED).
    private func uploadHalves(
        _ chunk: Manifest.Chunk, refused: Bool, reason: String, bisecting: Bool
    ) async throws -> (ChunkOutcome, stopAll: Bool) {
        let children: [Manifest.Chunk]
        do {
            children = try await session.split(chunk, refused: refused, reason: reason)
        } catch let error as ConversionError {
            let outcome = ChunkOutcome(
                verdict: .failed, message: "could not be split (\(reason)): \(error.description)")
            try await session.terminal(chunk, outcome)
            return (outcome, false)
        }
        var last: (ChunkOutcome, stopAll: Bool)?
        for child in children where last?.stopAll != true {
            try Task.checkCancellation()
            last = try await upload(child, start: .send, known: [], bisecting: bisecting)
        }
        return last ?? (ChunkOutcome(verdict: .notSubmitted), false)
    }

    private func uploadWhole(_ chunk: Manifest.Chunk, start: ChunkStart, known: Set<String>) async throws -> (
        ChunkOutcome, stopAll: Bool
    ) {
        let tally = RequestTally()
        let began = client.configuration.clock.now
        var outcome: ChunkOutcome
        var attempts = 0
        var stopAll = false
        do {
            let run: RunStatus
            (run, attempts) = try await obtainRun(chunk, start: start, known: known, tally: tally)
            outcome = try await follow(chunk, run: run, tally: tally)
        } catch let stop as Stop {
            outcome = ChunkOutcome(verdict: stop.verdict, runId: stop.runId, message: stop.message)
            attempts = max(attempts, stop.attempts)
            stopAll = stop.unauthorized
        }
        outcome.attempts = attempts
        let counts = tally.snapshot
        outcome.requests = counts.requests
        outcome.httpErrors = counts.httpErrors
        outcome.seconds = (client.configuration.clock.now - began).seconds
        try await session.terminal(chunk, outcome)
        return (outcome, stopAll)
    }

    /// The chunk's run: followed from before, found in the run list, or created now.
    private func obtainRun(
        _ chunk: Manifest.Chunk, start: ChunkStart, known: Set<String>, tally: RequestTally
    ) async throws -> (RunStatus, attempts: Int) {
        switch start {
        case .done:
            preconditionFailure("a delivered chunk is not uploaded again")
        case .follow(let runId):
            let run = RunStatus(id: runId, status: nil, description: nil)
            try await session.submitted(chunk, run: run, adopted: false)
            return (run, 0)
        case .adopt(let run):
            try await session.submitted(chunk, run: run, adopted: true)
            return (run, 0)
        case .lookUpFirst:
            if let found = try await lookUp(chunk, known: known, tally: tally, attempts: 0) {
                try await session.submitted(chunk, run: found, adopted: true)
                return (found, 0)
            }
            return try await send(chunk, known: known, tally: tally)
        case .send:
            return try await send(chunk, known: known, tally: tally)
        }
    }

    /// Creates the run; after an unclear answer looks for it before creating again.
    private func send(_ chunk: Manifest.Chunk, known: Set<String>, tally: RequestTally) async throws -> (
        RunStatus, attempts: Int
    ) {
        let bytes: Data
        do {
            bytes = try directory.bytes(of: chunk)
        } catch let error as ConversionError {
            throw Stop(verdict: .notSubmitted, message: error.description, attempts: 0)
        }
        if chunk.items > 1, let refused = await session.refusedBytes, chunk.bytes >= refused {
            throw TooLarge(refused: false)
        }
        let policy = client.configuration.retryPolicy
        var attempt = 0
        while true {
            attempt += 1
            try await session.submitting(chunk, attempt: attempt)
            do {
                let run = try await client.createRun(ldif: bytes, test: configuration.testRun, tally: tally)
                try await session.submitted(chunk, run: run, adopted: false)
                return (run, attempt)
            } catch let error as APIError where error.code == .ambiguous {
                if let found = try await lookUp(chunk, known: known, tally: tally, attempts: attempt) {
                    try await session.submitted(chunk, run: found, adopted: true)
                    return (found, attempt)
                }
                // Not created after all: the failure counts like any other for the retry policy.
                let failure: RetryPolicy.Failure = error.status.map { .status($0, retryAfter: nil) } ?? .transport
                let decision = policy.decision(after: failure, attempt: attempt, random: client.configuration.random)
                guard case .retry(let delay) = decision else {
                    throw Stop(verdict: .failed, message: "\(error.message), and no run was created", attempts: attempt)
                }
                try await client.configuration.clock.sleep(for: delay)
            } catch let error as APIError where error.status == 413 {
                throw TooLarge(refused: true, attempts: attempt, message: error.description)
            } catch let error as APIError {
                throw Stop(
                    verdict: .failed, message: error.description, attempts: attempt,
                    unauthorized: error.code == .unauthorized)
            }
        }
    }

    /// The run whose description carries the chunk's key, other than runs the ledger already knows.
    private func lookUp(
        _ chunk: Manifest.Chunk, known: Set<String>, tally: RequestTally, attempts: Int
    ) async throws -> RunStatus? {
        do {
            let runs = try await client.runs(tally: tally)
            return runs.first { !known.contains($0.id) && ($0.description ?? "").contains(chunk.key) }
        } catch let error as APIError {
            // Without the list the chunk cannot be sent safely: it might exist already.
            throw Stop(
                verdict: .failed,
                message: "cannot look for the chunk's run after an unclear create: \(error.description)",
                attempts: attempts, unauthorized: error.code == .unauthorized)
        }
    }
}
