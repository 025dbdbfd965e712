/// `report.json`: what an upload of a run directory did, chunk by chunk, down to the source rows.
///
/// Rewritten atomically after every chunk state change, so that it can be
/// read at any moment; the target host is there, secrets never are.
public struct UploadReport: Sendable, Codable, Equatable {
    /// The options the upload ran with.
    public struct Options: Sendable, Codable, Equatable {
        public var testRun: Bool
        public var concurrency: Int
        public var maxRequestsPerSecond: Double
        public var runTimeoutSeconds: Double
        public var allowFullChunks: Bool

        public init(
            testRun: Bool, concurrency: Int, maxRequestsPerSecond: Double, runTimeoutSeconds: Double,
            allowFullChunks: Bool
        ) {
            self.testRun = testRun
            self.concurrency = concurrency
            self.maxRequestsPerSecond = maxRequestsPerSecond
            self.runTimeoutSeconds = runTimeoutSeconds
            self.allowFullChunks = allowFullChunks
        }
    }

    /// One chunk: its identity from the manifest and where its upload stands.
    public struct Chunk: Sendable, Codable, Equatable {
        public var index: Int
        public var file: String
        public var phase: Int
        public var items: Int
        public var bytes: Int
        public var sha256: String
        public var runId: String?
        /// A verdict (`succeeded`, `finishedWithErrors`, `failed`, `timedOut`, `notSubmitted`),
        /// or while the upload goes on: `pending`, `submitting`, `running`.
        public var status: String
        /// The run's status as the server last gave it.
        public var runStatus: String?
        /// From an earlier session of the same directory, not sent again.
        public var previously: Bool
        public var attempts: Int
        public var requests: Int
        public var httpErrors: Int
        public var seconds: Double
        public var warnings: Int
        public var errors: Int
        public var message: String?
        /// For a half of a split chunk (413, or bisected after failing), the index of the chunk it is half of.
        public var parent: Int?
    }

    /// Chunks by status, items, errors and requests.
    public struct Totals: Sendable, Codable, Equatable {
        public var chunks: [String: Int] = [:]
        public var items = 0
        /// Items in chunks that finished, less those the server refused.
        public var itemsDelivered = 0
        /// Items the server refused.
        public var itemErrors = 0
        /// Error findings of the conversion (rows rejected before upload), from the manifest.
        public var findingErrors = 0
        /// Requests of this session, every kind included.
        public var requests = 0
        public var httpErrors = 0
        public var retries = 0

        public init() {}
    }

    public var tool: String
    public var host: String
    public var conversionId: String
    public var options: Options
    public var startedAt: String
    public var endedAt: String?
    /// `running` while the upload goes on, then `finished` or `interrupted`.
    public var state: String
    public var chunks: [Chunk]
    public var totals: Totals
    public var itemErrors: [ItemError]
}
