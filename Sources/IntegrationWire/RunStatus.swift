/// One run as `/status`, the run list and create report it:
/// `{"id","status","description"}`.
public struct RunStatus: Codable, Sendable, Hashable {
    /// The run id.
    public var id: String
    /// The run's status; nil when the server left it out.
    public var status: RunState?
    /// The LDIF's `description`, echoed back.
    public var description: String?

    public init(id: String, status: RunState?, description: String?) {
        self.id = id
        self.status = status
        self.description = description
    }

    enum CodingKeys: String, CodingKey { case id, status, description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = container.lenient(RunState.self, .status)
        description = container.lenient(String.self, .description)
    }
}

/// The answer of a create: the service sends one ``RunStatus`` object, the
/// published spec says an array of them; this decodes both.
public struct CreateRunAnswer: Decodable, Sendable, Hashable {
    /// Every run in the answer (one in practice).
    public var runs: [RunStatus]

    /// The created run, if the answer held one.
    public var run: RunStatus? { runs.first }

    public init(runs: [RunStatus]) {
        self.runs = runs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let list = try? container.decode([RunStatus].self) {
            runs = list
        } else {
            runs = [try container.decode(RunStatus.self)]
        }
    }
}
