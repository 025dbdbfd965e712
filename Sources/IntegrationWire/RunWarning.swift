/// One per-item problem of a run, from `/warnings` or a fast run:
/// `{"processor":{"name","index"},"content","message","detail","category","status"}`.
public struct RunWarning: Codable, Sendable, Hashable {
    /// The processor that raised it.
    public var processor: ProcessorReference?
    /// The `id` of the LDIF content item it concerns.
    public var content: String?
    public var message: String?
    public var detail: String?
    /// The server's internal processing category.
    public var category: String?
    /// WARNING or ERROR; an ERROR means the item was not processed.
    public var status: WarningLevel?

    public init(
        processor: ProcessorReference?, content: String?, message: String?, detail: String? = nil,
        category: String? = nil, status: WarningLevel?
    ) {
        self.processor = processor
        self.content = content
        self.message = message
        self.detail = detail
        self.category = category
        self.status = status
    }

    enum CodingKeys: String, CodingKey { case processor, content, message, detail, category, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        processor = container.lenient(ProcessorReference.self, .processor)
        content = container.lenient(String.self, .content)
        message = container.lenient(String.self, .message)
        detail = container.lenient(String.self, .detail)
        category = container.lenient(String.self, .category)
        status = container.lenient(WarningLevel.self, .status)
    }
}

/// The processor named in a warning: `{"name","index"}`.
public struct ProcessorReference: Codable, Sendable, Hashable {
    public var name: String?
    public var index: Int?

    public init(name: String?, index: Int?) {
        self.name = name
        self.index = index
    }

    enum CodingKeys: String, CodingKey { case name, index }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.lenient(String.self, .name)
        index = container.lenientInt(.index)
    }
}

/// How bad a warning is; unknown levels are kept.
public enum WarningLevel: Sendable, Hashable, Codable, CustomStringConvertible {
    case warning
    case error
    case unknown(String)

    public init(rawValue: String) {
        switch rawValue {
        case "WARNING": self = .warning
        case "ERROR": self = .error
        default: self = .unknown(rawValue)
        }
    }

    /// The wire name: `WARNING`, `ERROR` or what the server sent.
    public var rawValue: String {
        switch self {
        case .warning: "WARNING"
        case .error: "ERROR"
        case .unknown(let name): name
        }
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
