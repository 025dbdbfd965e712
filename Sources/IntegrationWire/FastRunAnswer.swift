/// The answer of `POST /fastSynchronizationRuns`: `{"status","warnings","stats"}`.
public struct FastRunAnswer: Codable, Sendable, Hashable {
    /// FINISHED or FAILED.
    public var status: RunState?
    public var warnings: [RunWarning]?
    public var stats: FastRunStats?

    public init(status: RunState?, warnings: [RunWarning]?, stats: FastRunStats?) {
        self.status = status
        self.warnings = warnings
        self.stats = stats
    }

    enum CodingKeys: String, CodingKey { case status, warnings, stats }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = container.lenient(RunState.self, .status)
        warnings = container.lenient([RunWarning].self, .warnings)
        stats = container.lenient(FastRunStats.self, .stats)
    }
}

/// Statistics of a fast run: `{"duration","processedContentCount","processorCount"}`.
public struct FastRunStats: Codable, Sendable, Hashable {
    /// ISO 8601 duration, e.g. `PT0.25S`.
    public var duration: String?
    public var processedContentCount: Int?
    public var processorCount: Int?

    public init(duration: String?, processedContentCount: Int?, processorCount: Int?) {
        self.duration = duration
        self.processedContentCount = processedContentCount
        self.processorCount = processorCount
    }

    enum CodingKeys: String, CodingKey { case duration, processedContentCount, processorCount }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        duration = container.lenient(String.self, .duration)
        processedContentCount = container.lenientInt(.processedContentCount)
        processorCount = container.lenientInt(.processorCount)
    }
}
