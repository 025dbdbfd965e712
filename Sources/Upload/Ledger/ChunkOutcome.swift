/// Everything known about a chunk once it is terminal: written to the ledger, read by the report.
public struct ChunkOutcome: Sendable, Codable, Equatable {
    public var verdict: ChunkVerdict
    public var runId: String?
    /// The run's last status as the server gave it (`FINISHED`, `FAILED`, ...).
    public var runStatus: String?
    /// Create requests sent for the chunk.
    public var attempts: Int
    /// Requests made for the chunk: create, lookups, polls, progress, warnings.
    public var requests: Int
    /// Answers that were not 2xx, and requests without an answer.
    public var httpErrors: Int
    /// From the first create to the verdict, in this session.
    public var seconds: Double
    /// WARNING entries of the run's `/warnings`.
    public var warnings: Int
    /// Items the server refused: ERROR warnings, or `errorCount` when that is larger.
    public var errors: Int
    /// Why the chunk failed or timed out, with the server's `errors` text.
    public var message: String?
    public var itemErrors: [ItemError]

    public init(
        verdict: ChunkVerdict, runId: String? = nil, runStatus: String? = nil, attempts: Int = 0,
        requests: Int = 0, httpErrors: Int = 0, seconds: Double = 0, warnings: Int = 0, errors: Int = 0,
        message: String? = nil, itemErrors: [ItemError] = []
    ) {
        self.verdict = verdict
        self.runId = runId
        self.runStatus = runStatus
        self.attempts = attempts
        self.requests = requests
        self.httpErrors = httpErrors
        self.seconds = seconds
        self.warnings = warnings
        self.errors = errors
        self.message = message
        self.itemErrors = itemErrors
    }
}
