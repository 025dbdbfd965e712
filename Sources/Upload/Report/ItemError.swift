/// One item the server refused (an ERROR warning), joined back to the row that produced it.
public struct ItemError: Sendable, Codable, Equatable {
    /// Where the item came from, as `convert` recorded it in the chunk's sources sidecar.
    public struct Source: Sendable, Codable, Equatable {
        public var file: String
        public var line: Int
        public var record: Int
        public var pointer: String?
        /// The worksheet, for workbook inputs.
        public var sheet: String?

        public init(file: String, line: Int, record: Int, pointer: String? = nil, sheet: String? = nil) {
            self.file = file
            self.line = line
            self.record = record
            self.pointer = pointer
            self.sheet = sheet
        }
    }

    /// The chunk (1-based index) the item was sent in.
    public var chunk: Int
    /// The item's type; nil when the warning names an id that is not in the chunk.
    public var type: String?
    public var id: String
    public var source: Source?
    /// The mapping rule that produced the item (`items[0]`).
    public var rule: String?
    /// The server's message, with its detail when it gave one.
    public var message: String
    /// The server's warning category, when it gave one.
    public var category: String?

    public init(
        chunk: Int, type: String?, id: String, source: Source?, rule: String?, message: String,
        category: String? = nil
    ) {
        self.chunk = chunk
        self.type = type
        self.id = id
        self.source = source
        self.rule = rule
        self.message = message
        self.category = category
    }
}
