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
    func upload(_ chunk: Manifest.Chunk, start: ChunkStart, known: Set<String>) async throws -> (ChunkOutcome, stopAll: Bool) {
        do {
            return try await uploadWhole(chunk, start: start, known: known)
        } catch let tooLarge as TooLarge {
            return try await uploadHalves(chunk, refused: tooLarge.refused)
        }
    }

    /// The server refused the chunk as too large (413), or it is at least as large as one it refused.
    struct TooLarge: Error {
        var refused: Bool
    }

    /// Splits `chunk` in two and uploads each half like any chunk (halves too large are split again).
    private func uploadHalves(_ chunk: Manifest.Chunk, refused: Bool) async throws -> (ChunkOutcome, stopAll: Bool) {
        let children: [Manifest.Chunk]
        do {
            children = try await session.split(chunk, refused: refused)
        } catch let error as ConversionError {
            let outcome = ChunkOutcome(verdict: .failed, message: "too large for the server, and could not be split: \(error.description)")
            try await session.terminal(chunk, outcome)
            return (outcome, false)
        }
        var last: (ChunkOutcome, stopAll: Bool)?
        for child in children where last?.stopAll != true {
            try Task.checkCancellation()
            last = try await upload(child, start: .send, known: [])
        }
        return last ?? (ChunkOutcome(verdict: .notSubmitted), false)
    }

    private func uploadWhole(_ chunk: Manifest.Chunk, start: ChunkStart, known: Set<String>) async throws -> (ChunkOutcome, stopAll: Bool) {
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
    private func send(_ chunk: Manifest.Chunk, known: Set<String>, tally: RequestTally) async throws -> (RunStatus, attempts: Int) {
        let bytes: Data
        do {
            bytes = try directory.bytes(of: chunk)
        } catch let error as ConversionError {
            throw Stop(verdict: .notSubmitted, message: error.description, attempts: 0)
        }
        if chunk.items > 1, let refused = await session.refusedBytes, chunk.bytes >= refused { throw TooLarge(refused: false) }
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
            } catch let error as APIError where error.status == 413 && chunk.items > 1 {
                throw TooLarge(refused: true)
            } catch let error as APIError {
                throw Stop(verdict: .failed, message: error.description, attempts: attempt, unauthorized: error.code == .unauthorized)
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
                verdict: .failed, message: "cannot look for the chunk's run after an unclear create: \(error.description)",
                attempts: attempts, unauthorized: error.code == .unauthorized)
        }
    }
}
