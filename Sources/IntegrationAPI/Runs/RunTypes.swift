/// A synchronization run as `/status`, the run list and a create answer it: id, status, description.
public struct SynchronizationRun: Sendable, Equatable, Decodable {
    /// The statuses after which a run changes no more.
    public static let terminalStatuses: Set<String> = ["FINISHED", "FAILED", "STOPPED"]

    public var id: String
    /// `CREATED`, `SEQUENTIALIZED`, `PENDING`, `IN_PROGRESS`, `FINISHED`, `STOPPED` or `FAILED`.
    public var status: String
    public var description: String?

    public init(id: String, status: String, description: String? = nil) {
        self.id = id
        self.status = status
        self.description = description
    }

    public var isTerminal: Bool { Self.terminalStatuses.contains(status) }
}

/// `/progress` of a run; only the counts this client needs.
public struct RunProgress: Sendable, Equatable, Decodable {
    public var status: String?
    public var processedContentCount: Int?
    public var errorCount: Int?

    public init(status: String? = nil, processedContentCount: Int? = nil, errorCount: Int? = nil) {
        self.status = status
        self.processedContentCount = processedContentCount
        self.errorCount = errorCount
    }
}

/// One entry of `/warnings`: a problem with one item of a run, keyed by the item's id.
public struct RunWarning: Sendable, Equatable, Decodable {
    public struct Processor: Sendable, Equatable, Decodable {
        public var name: String?
        public var index: Int?
    }

    public var processor: Processor?
    /// The LDIF item's `id`.
    public var content: String?
    public var message: String?
    public var detail: String?
    public var category: String?
    /// `WARNING` or `ERROR`.
    public var status: String?

    public init(content: String?, message: String?, status: String?, detail: String? = nil, category: String? = nil) {
        self.content = content
        self.message = message
        self.status = status
        self.detail = detail
        self.category = category
    }

    /// An ERROR entry: the item was skipped.
    public var isError: Bool { status?.uppercased() == "ERROR" }
}
