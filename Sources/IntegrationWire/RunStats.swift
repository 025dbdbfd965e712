/// The answer of `/stats`.
///
/// The public spec only says "an object"; these are the fields the emulator
/// sends and the client may read. All are optional, unknown ones are ignored.
public struct RunStats: Codable, Sendable, Hashable {
    public var id: String?
    public var status: RunState?
    /// Every status the run went through, oldest first.
    public var statusChanges: [StatusChange]?
    /// Counts per processor.
    public var processorStats: [ProcessorStats]?
    /// Items processed over all levels.
    public var processedContentCount: Int?
    /// Items that ended as ERROR warnings.
    public var errorCount: Int?
    /// Warnings of any level.
    public var warningCount: Int?
    /// Objects archived by a `full` run.
    public var deletedObjects: Int?

    public init(
        id: String? = nil, status: RunState? = nil, statusChanges: [StatusChange]? = nil,
        processorStats: [ProcessorStats]? = nil, processedContentCount: Int? = nil, errorCount: Int? = nil,
        warningCount: Int? = nil, deletedObjects: Int? = nil
    ) {
        self.id = id
        self.status = status
        self.statusChanges = statusChanges
        self.processorStats = processorStats
        self.processedContentCount = processedContentCount
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.deletedObjects = deletedObjects
    }

    enum CodingKeys: String, CodingKey {
        case id, status, statusChanges, processorStats, processedContentCount, errorCount, warningCount
        case deletedObjects
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.lenient(String.self, .id)
        status = container.lenient(RunState.self, .status)
        statusChanges = container.lenient([StatusChange].self, .statusChanges)
        processorStats = container.lenient([ProcessorStats].self, .processorStats)
        processedContentCount = container.lenientInt(.processedContentCount)
        errorCount = container.lenientInt(.errorCount)
        warningCount = container.lenientInt(.warningCount)
        deletedObjects = container.lenientInt(.deletedObjects)
    }
}

/// A status a run entered and when: `{"status","timestamp"}` (ISO 8601, UTC).
public struct StatusChange: Codable, Sendable, Hashable {
    public var status: RunState
    public var timestamp: String?

    public init(status: RunState, timestamp: String?) {
        self.status = status
        self.timestamp = timestamp
    }
}

/// Counts of one processor: `{"processor":{"name","index"},"processedCount","errorCount"}`.
public struct ProcessorStats: Codable, Sendable, Hashable {
    public var processor: ProcessorReference?
    public var processedCount: Int?
    public var errorCount: Int?

    public init(processor: ProcessorReference?, processedCount: Int?, errorCount: Int?) {
        self.processor = processor
        self.processedCount = processedCount
        self.errorCount = errorCount
    }

    enum CodingKeys: String, CodingKey { case processor, processedCount, errorCount }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        processor = container.lenient(ProcessorReference.self, .processor)
        processedCount = container.lenientInt(.processedCount)
        errorCount = container.lenientInt(.errorCount)
    }
}
