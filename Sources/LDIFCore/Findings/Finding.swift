/// A problem with one record, value or item: reported, counted, never fatal.
///
/// One bad row in a million never stops the others and is never dropped
/// silently: it becomes a finding with its source location and the mapping
/// rule involved.
public struct Finding: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, Comparable {
        /// Something was not emitted (a record, an item).
        case error
        /// An item was emitted with a value left out, or a limit was passed.
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// Which stage found the problem.
    public enum Stage: String, Sendable, Codable {
        case parse, mapping, chunking, upload
    }

    public var severity: Severity
    public var stage: Stage
    /// A stable short name of the problem (`ragged-row`, `invalid-utf8`, `required`).
    public var code: String
    /// What is wrong and what to do about it.
    public var message: String
    public var location: SourceLocation?
    /// The column or field path involved.
    public var field: String?
    /// The mapping rule involved (`items[0].data.cost`).
    public var rule: String?
    /// The item concerned, when one was being built.
    public var itemType: String?
    public var itemId: String?

    public init(
        _ severity: Severity, _ stage: Stage, code: String, message: String,
        location: SourceLocation? = nil, field: String? = nil, rule: String? = nil,
        itemType: String? = nil, itemId: String? = nil
    ) {
        self.severity = severity
        self.stage = stage
        self.code = code
        self.message = message
        self.location = location
        self.field = field
        self.rule = rule
        self.itemType = itemType
        self.itemId = itemId
    }

    /// `file:line: rule: message`, the one-line form for a terminal.
    public var line: String {
        var parts: [String] = []
        if let location { parts.append(location.description) }
        if let rule { parts.append(rule) } else if let field { parts.append(field) }
        // One line, of a length a terminal and a log can take, whatever the input put into the message.
        parts.append("\(severity.rawValue): \(Self.excerpt(message, limit: Self.maxMessageCharacters, oneLine: true))")
        return parts.joined(separator: ": ")
    }

    /// The longest message a finding's line shows (`findings.jsonl` has it whole).
    public static let maxMessageCharacters = 2000

    /// `text` as a finding quotes it: at most `limit` characters, `…` after a cut; with `oneLine`, line
    /// breaks shown as `⏎`.
    public static func excerpt(_ text: String, limit: Int = 60, oneLine: Bool = false) -> String {
        var shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        if oneLine, shown.contains(where: \.isNewline) {
            shown = String(shown.map { $0.isNewline ? "⏎" : $0 })
        }
        return shown
    }
}
