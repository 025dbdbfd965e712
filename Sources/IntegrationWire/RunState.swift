/// The status of a synchronization run.
///
/// Decoding never fails on a status this type does not know: it becomes
/// ``unknown(_:)``, which is not terminal, so a poller keeps waiting.
public enum RunState: Sendable, Hashable, Codable, CustomStringConvertible {
    case created
    case sequentialized
    case pending
    case inProgress
    case finished
    case stopped
    case failed
    /// A status sent by the server that this version does not know.
    case unknown(String)

    /// Every status the API documents, in lifecycle order.
    public static let known: [RunState] = [
        .created, .sequentialized, .pending, .inProgress, .finished, .stopped, .failed,
    ]

    /// The state named by `rawValue` (e.g. `"IN_PROGRESS"`); unknown names are kept.
    public init(rawValue: String) {
        self = Self.known.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The wire name, e.g. `"IN_PROGRESS"`.
    public var rawValue: String {
        switch self {
        case .created: "CREATED"
        case .sequentialized: "SEQUENTIALIZED"
        case .pending: "PENDING"
        case .inProgress: "IN_PROGRESS"
        case .finished: "FINISHED"
        case .stopped: "STOPPED"
        case .failed: "FAILED"
        case .unknown(let name): name
        }
    }

    /// FINISHED, STOPPED and FAILED: the run will not change any more.
    public var isTerminal: Bool {
        switch self {
        case .finished, .stopped, .failed: true
        default: false
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
