public import Foundation
public import IntegrationWire

/// What `GET /emulator/state` answers: every run, and every item that
/// reached the workspace with how often it arrived. Tests use it to prove
/// that nothing was lost and nothing duplicated.
public struct EmulatorState: Codable, Sendable {
    /// One run as the emulator saw it.
    public struct Run: Codable, Sendable, Hashable {
        public var id: String
        public var status: RunState
        /// Created with or started with `test=true`: delivers nothing.
        public var test: Bool
        /// A `/fastSynchronizationRuns` run.
        public var fast: Bool
        public var description: String?
        public var itemCount: Int
        /// Items of this run that ended (or will end) as ERROR warnings.
        public var errorCount: Int
        public var chunkInformation: ChunkInformation?
        public var connectorType: String
        public var connectorId: String
        public var connectorVersion: String
        public var processingDirection: String
        public var processingMode: String
        public var createdAt: Date
        /// When the start was asked for.
        public var startedAt: Date?
        /// When it reached FINISHED, FAILED or STOPPED.
        public var finishedAt: Date?
    }

    /// How many times one (type, id) arrived.
    public struct ItemCount: Codable, Sendable, Hashable {
        public var type: String
        public var id: String
        public var count: Int
    }

    /// The workspace id that tokens carry.
    public var workspaceId: String
    /// Requests answered on the API and token paths (not counting `/emulator/...`).
    public var requestsServed: Int
    public var tokensIssued: Int
    /// Every run, oldest first.
    public var runs: [Run]
    /// Items delivered by FINISHED non-test runs, by (type, id).
    public var delivered: [ItemCount]
    /// Items of FINISHED non-test runs that ended as ERROR warnings instead.
    public var refused: [ItemCount]
    /// How many runs were created per LDIF `description` ("" for none).
    public var runsPerDescription: [String: Int]
    /// How many faults of each kind were injected (`429`, `503`, `lost`,
    /// `reset`, `fail`, and `rps` for the rate limit).
    public var faultsInjected: [String: Int]

    /// How many times an item arrived (0 when never).
    public func deliveries(type: String, id: String) -> Int {
        delivered.first { $0.type == type && $0.id == id }?.count ?? 0
    }

    /// Reads the JSON of `GET /emulator/state`.
    ///
    /// - Throws: a `DecodingError` when the data is not such an answer.
    public static func decode(_ data: Data) throws -> EmulatorState {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(EmulatorState.self, from: data)
    }
}
