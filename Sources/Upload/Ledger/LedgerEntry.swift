/// One line of the ledger: one state change of one chunk, or the start of an upload session.
///
/// Every line names its target and mode, so that it reads on its own and
/// test verdicts stay apart from real ones, and runs on one host are never
/// looked for on another.
public struct LedgerEntry: Sendable, Codable, Equatable {
    public enum Event: String, Sendable, Codable {
        /// An upload session began (no chunk).
        case session
        /// The session means to upload this chunk.
        case planned
        /// A create request for the chunk is about to be sent: its outcome is unknown until `submitted`.
        case submitting
        /// The chunk has a run id (created, or found again in the run list).
        case submitted
        /// The chunk's run reached a verdict.
        case terminal
    }

    public var event: Event
    /// Wall-clock time, ISO 8601 in UTC.
    public var at: String
    /// The session that wrote the line.
    public var session: String
    /// The host uploaded to (`https://acme.leanix.net`), or `emulator`.
    public var target: String
    /// Whether the session submits dry runs (`--test-run`).
    public var test: Bool
    public var chunk: Int?
    public var sha256: String?
    /// 1-based count of create requests for the chunk in this session (on `submitting`).
    public var attempt: Int?
    public var runId: String?
    /// On `submitted`: the run was found in the run list after an unclear create.
    public var adopted: Bool?
    /// On `terminal`.
    public var outcome: ChunkOutcome?
    /// On `session`: the process, for people reading the file.
    public var pid: Int32?

    public init(
        event: Event, at: String, session: String, target: String, test: Bool, chunk: Int? = nil,
        sha256: String? = nil, attempt: Int? = nil, runId: String? = nil, adopted: Bool? = nil,
        outcome: ChunkOutcome? = nil, pid: Int32? = nil
    ) {
        self.event = event
        self.at = at
        self.session = session
        self.target = target
        self.test = test
        self.chunk = chunk
        self.sha256 = sha256
        self.attempt = attempt
        self.runId = runId
        self.adopted = adopted
        self.outcome = outcome
        self.pid = pid
    }
}
