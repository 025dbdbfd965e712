/// What the ledger says about each chunk, folded from its lines in order.
///
/// Kept per target host and per mode (test or real): a dry run's verdict
/// never counts for a real upload, and a run id is only meaningful on the
/// host that made it.
public struct LedgerState: Sendable {
    /// Where a chunk stands after the last line about it.
    public enum Stage: Sendable, Equatable {
        /// Planned, never sent.
        case planned
        /// A create was about to be sent; whether the run exists is unknown.
        case submitting
        /// A run exists and has not been seen to end.
        case submitted(runId: String)
        /// The run reached a verdict.
        case terminal(ChunkOutcome)
    }

    /// The history of one chunk on one target in one mode.
    public struct History: Sendable, Equatable {
        /// The chunk identity the lines were written for.
        public var sha256: String?
        public var stage: Stage = .planned
    }

    struct Key: Hashable {
        var target: String
        var test: Bool
        var chunk: Int
    }

    private var histories: [Key: History] = [:]
    /// Run ids per target and chunk, test and real together: a lookup must not adopt any of them.
    private var runIds: [String: [Int: Set<String>]] = [:]

    /// Folds `entries` in order; lines without a chunk (sessions) only mark time.
    public init(entries: [LedgerEntry]) {
        for entry in entries {
            apply(entry)
        }
    }

    /// Applies one more entry, as the ledger grows during an upload.
    public mutating func apply(_ entry: LedgerEntry) {
        guard let chunk = entry.chunk else { return }
        let key = Key(target: entry.target, test: entry.test, chunk: chunk)
        var history = histories[key] ?? History()
        if let sha = entry.sha256, sha != history.sha256 {
            // Different bytes under the same index: a new conversion, so the old story is void.
            history = History(sha256: sha)
        }
        switch entry.event {
        case .session: return
        // Planning records intent only: it must not hide what an earlier session left in flight.
        case .planned: break
        case .submitting: history.stage = .submitting
        case .submitted: history.stage = entry.runId.map { .submitted(runId: $0) } ?? .submitting
        case .terminal: history.stage = entry.outcome.map { .terminal($0) } ?? history.stage
        }
        histories[key] = history
        let id = entry.runId ?? entry.outcome?.runId
        if let id { runIds[entry.target, default: [:]][chunk, default: []].insert(id) }
    }

    /// The history of `chunk` on `target` in the given mode, nil when the ledger never named it.
    public func history(chunk: Int, target: String, test: Bool) -> History? {
        histories[Key(target: target, test: test, chunk: chunk)]
    }

    /// Every run id ever recorded for `chunk` on `target`, in either mode.
    public func knownRunIds(chunk: Int, target: String) -> Set<String> {
        runIds[target]?[chunk] ?? []
    }
}
