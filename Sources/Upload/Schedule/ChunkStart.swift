public import IntegrationWire

/// Where the upload of one chunk begins, decided from the ledger before anything is sent.
public enum ChunkStart: Sendable, Equatable {
    /// Settled earlier: delivered (succeeded or finished with errors), or failed and not to be retried.
    case done(ChunkOutcome)
    /// A run exists (submitted earlier, or timed out): follow it instead of sending again.
    case follow(runId: String)
    /// A create was sent and its answer never recorded: look for the run before sending again.
    case lookUpFirst
    /// The ledger knew nothing of the chunk, and the run list holds a run with its key: follow that one.
    case adopt(RunStatus)
    /// Nothing was sent, or the last run failed: send.
    case send

    /// The start for a chunk with bytes `sha256` given its history on this target and mode.
    ///
    /// - Parameter retryFailed: whether a chunk whose run failed is sent again; when false it keeps its verdict.
    ///   A timed-out chunk with a run is followed either way: sending it again could deliver it twice.
    public init(history: LedgerState.History?, sha256: String, retryFailed: Bool = true) {
        guard let history, history.sha256 == nil || history.sha256 == sha256 else {
            self = .send
            return
        }
        switch history.stage {
        case .planned: self = .send
        case .submitting: self = .lookUpFirst
        case .submitted(let runId): self = .follow(runId: runId)
        case .terminal(let outcome):
            if outcome.verdict.isDelivered {
                self = .done(outcome)
            } else if outcome.verdict == .timedOut, let runId = outcome.runId {
                self = .follow(runId: runId)
            } else {
                // A chunk never sent is sent; only a chunk whose run failed waits for `retryFailed`.
                self = retryFailed || outcome.verdict == .notSubmitted ? .send : .done(outcome)
            }
        }
    }
}
