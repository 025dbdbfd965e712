/// The answer of `/progress`: counters of the run level in execution.
public struct RunProgress: Codable, Sendable, Hashable {
    public var status: RunState?
    /// Items processed so far in the current level (inbound).
    public var processedContentCount: Int?
    /// Items that failed so far in the current level (inbound).
    public var errorCount: Int?
    /// Requests made to the backend so far (inbound).
    public var graphQLRequestCount: Int?
    /// Which level of processors is running (inbound).
    public var runLevelIndex: Int?
    /// Items written to the output (outbound).
    public var contentsCount: Int?
    /// Warnings so far (outbound).
    public var warningsCount: Int?
    /// Items in the outbound scope.
    public var itemsInScopeCount: Int?

    public init(
        status: RunState?, processedContentCount: Int? = nil, errorCount: Int? = nil,
        graphQLRequestCount: Int? = nil, runLevelIndex: Int? = nil, contentsCount: Int? = nil,
        warningsCount: Int? = nil, itemsInScopeCount: Int? = nil
    ) {
        self.status = status
        self.processedContentCount = processedContentCount
        self.errorCount = errorCount
        self.graphQLRequestCount = graphQLRequestCount
        self.runLevelIndex = runLevelIndex
        self.contentsCount = contentsCount
        self.warningsCount = warningsCount
        self.itemsInScopeCount = itemsInScopeCount
    }

    enum CodingKeys: String, CodingKey {
        case status, processedContentCount, errorCount, graphQLRequestCount, runLevelIndex
        case contentsCount, warningsCount, itemsInScopeCount
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        status = container.lenient(RunState.self, .status)
        processedContentCount = container.lenientInt(.processedContentCount)
        errorCount = container.lenientInt(.errorCount)
        graphQLRequestCount = container.lenientInt(.graphQLRequestCount)
        runLevelIndex = container.lenientInt(.runLevelIndex)
        contentsCount = container.lenientInt(.contentsCount)
        warningsCount = container.lenientInt(.warningsCount)
        itemsInScopeCount = container.lenientInt(.itemsInScopeCount)
    }
}
