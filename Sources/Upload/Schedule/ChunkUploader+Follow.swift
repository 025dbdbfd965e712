import IntegrationAPI
import IntegrationWire
import LDIFCore

extension ChunkUploader {
    /// Polls the run until it ends or `runTimeout` runs out, then reads its verdict.
    func follow(_ chunk: Manifest.Chunk, run: RunStatus, tally: RequestTally) async throws -> ChunkOutcome {
        let clock = client.configuration.clock
        let since = clock.now
        let deadline = since + configuration.runTimeout
        var status = run.status
        do {
            while !(status?.isTerminal ?? false) {
                let now = clock.now
                guard now < deadline else {
                    return ChunkOutcome(
                        verdict: .timedOut, runId: run.id, runStatus: status?.rawValue,
                        message:
                            "run \(run.id) was still \(status?.rawValue ?? "unknown") after \(Self.format(configuration.runTimeout)); "
                            + "it may still finish: upload again to follow it")
                }
                try await clock.sleep(
                    for: min(configuration.pollSchedule.interval(afterElapsed: now - since), deadline - now))
                let latest = try await client.status(of: run.id, tally: tally).status
                if let latest, latest != status { try await session.runStatus(chunk, latest) }
                status = latest ?? status
            }
        } catch let error as APIError {
            throw lostTrack(of: run.id, error)
        }
        return try await verdict(chunk, runId: run.id, status: status ?? .unknown("?"), tally: tally)
    }

    /// The verdict of an ended run: FINISHED reads warnings and progress; FAILED reads warnings for the why.
    private func verdict(_ chunk: Manifest.Chunk, runId: String, status: RunState, tally: RequestTally) async throws
        -> ChunkOutcome
    {
        var outcome = ChunkOutcome(verdict: .failed, runId: runId, runStatus: status.rawValue)
        guard status == .finished || status == .failed else {
            outcome.message = "run \(runId) ended \(status.rawValue)"
            return outcome
        }
        do {
            let warnings = try await client.warnings(of: runId, tally: tally)
            let errorCount =
                status == .finished ? try await client.progress(of: runId, tally: tally).errorCount ?? 0 : 0
            let refused = warnings.filter { $0.status == .error }
            outcome.warnings = warnings.count - refused.count
            if !refused.isEmpty {
                let sources = (try? directory.itemSources(of: chunk)) ?? []
                outcome.itemErrors = WarningJoiner(chunk: chunk.index, sources: sources).itemErrors(refused)
            }
            outcome.errors = max(refused.count, errorCount)
        } catch let error as APIError {
            if status == .finished {
                outcome.verdict = .finishedWithErrors
                outcome.message = "run \(runId) FINISHED, but its warnings could not be read: \(error.description)"
                return outcome
            }
        }
        if status == .failed {
            let first = outcome.itemErrors.first.map { ": \($0.id): \($0.message)" } ?? ""
            outcome.message = "run \(runId) ended FAILED\(first)"
        } else {
            outcome.verdict = outcome.errors == 0 ? .succeeded : .finishedWithErrors
        }
        return outcome
    }

    /// Polling failed for good. Only a 404 means the run is gone; after anything else it may
    /// still be running, so the chunk is left to be followed (not sent) by the next upload.
    private func lostTrack(of runId: String, _ error: APIError) -> Stop {
        guard error.status != 404 else {
            return Stop(
                verdict: .failed, message: "run \(runId) is not known to the server any more: \(error.description)")
        }
        return Stop(
            verdict: .timedOut, message: "lost track of run \(runId): \(error.description); upload again to follow it",
            unauthorized: error.code == .unauthorized, runId: runId)
    }

    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        if seconds >= 3600, seconds.truncatingRemainder(dividingBy: 3600) == 0 { return "\(Int(seconds / 3600))h" }
        if seconds >= 60, seconds.truncatingRemainder(dividingBy: 60) == 0 { return "\(Int(seconds / 60))m" }
        return seconds == seconds.rounded() ? "\(Int(seconds))s" : "\(seconds)s"
    }
}
