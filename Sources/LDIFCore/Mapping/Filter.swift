/// A filter bound at load time: arguments parsed, maps and lookups resolved,
/// regexes and date patterns compiled. Per record nothing is parsed again.
public enum Filter: Sendable {
    case trim, lower, upper, required, number, integer, boolean, first, list
    case defaultValue(String)
    case date(DatePattern)
    case split(String)
    case join(String)
    case map(name: String, table: ValueMap)
    case lookup(name: String, table: LookupTable)
    case replace(String, String)
    case match(CompiledRegex)

    /// The filter's name as written in templates.
    public var name: String {
        switch self {
        case .trim: "trim"
        case .lower: "lower"
        case .upper: "upper"
        case .required: "required"
        case .number: "number"
        case .integer: "integer"
        case .boolean: "boolean"
        case .first: "first"
        case .list: "list"
        case .defaultValue: "default"
        case .date: "date"
        case .split: "split"
        case .join: "join"
        case .map: "map"
        case .lookup: "lookup"
        case .replace: "replace"
        case .match: "match"
        }
    }

    /// Whether the filter works on the list as a whole (else on each element).
    var worksOnList: Bool {
        switch self {
        case .first, .list, .join, .required, .defaultValue: true
        default: false
        }
    }
}

/// The filters a template may use, with their argument counts: the loader checks against it.
public enum FilterCatalog {
    public struct Entry: Sendable {
        public var name: String
        public var arguments: ClosedRange<Int>
        public var usage: String
    }

    public static let entries: [Entry] = [
        Entry(name: "trim", arguments: 0...0, usage: "trim"),
        Entry(name: "lower", arguments: 0...0, usage: "lower"),
        Entry(name: "upper", arguments: 0...0, usage: "upper"),
        Entry(name: "default", arguments: 1...1, usage: "default: 'value'"),
        Entry(name: "required", arguments: 0...0, usage: "required"),
        Entry(name: "number", arguments: 0...0, usage: "number"),
        Entry(name: "integer", arguments: 0...0, usage: "integer"),
        Entry(name: "boolean", arguments: 0...0, usage: "boolean"),
        Entry(name: "date", arguments: 1...1, usage: "date: 'dd.MM.yyyy'"),
        Entry(name: "split", arguments: 1...1, usage: "split: ';'"),
        Entry(name: "join", arguments: 1...1, usage: "join: ', '"),
        Entry(name: "first", arguments: 0...0, usage: "first"),
        Entry(name: "list", arguments: 0...0, usage: "list"),
        Entry(name: "map", arguments: 1...1, usage: "map: name"),
        Entry(name: "lookup", arguments: 1...1, usage: "lookup: name"),
        Entry(name: "replace", arguments: 2...2, usage: "replace: 'from', 'to'"),
        Entry(name: "match", arguments: 1...1, usage: "match: 'regex'"),
    ]

    public static func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
