/// A mapping compiled once: field paths numbered into slots, filters bound,
/// keys pre-encoded. Per record, evaluation does no parsing and no lookups by name.
public struct MappingPlan: Sendable {
    /// Where the plan uses a field path, for messages about it.
    public struct Usage: Sendable, Equatable {
        public var rule: String
        public var line: Int
    }

    public enum DuplicatePolicy: String, Sendable {
        /// The first item is kept; a later one is an error finding naming both sources.
        case finding
        /// A duplicate makes the whole conversion fail.
        case error
        /// No check, so memory stays the same whatever the number of items
        /// (the server keeps the last of the same type and id).
        case allow
    }

    public var file: String
    public var header: LDIFHeader
    public var source: SourceOptions
    /// Slot `i` of every record holds the values of `paths[i]`.
    public var paths: [FieldPath]
    /// For each path, every place that uses it.
    public var usages: [[Usage]]
    public var rules: [CompiledRule]
    public var duplicates: DuplicatePolicy
    /// How many distinct expressions with filters the plan has.
    public var expressionCount: Int
    /// How many templates the plan has (see ``CompiledTemplate/serial``).
    public var templateCount = 0
    /// The files of the plan's lookup tables, as read (relative to the current directory unless absolute).
    public var lookupFiles: [String] = []

    /// The phases in order (1 first).
    public var phases: [Int] {
        Array(Set(rules.map(\.phase))).sorted()
    }

    /// Problems binding the plan's paths to an input, as mapping diagnostics.
    public func diagnostics(for problems: [BindProblem]) -> [MappingDiagnostic] {
        problems.flatMap { problem in
            usages[problem.pathIndex].map {
                MappingDiagnostic(file: file, line: $0.line, path: $0.rule, message: problem.message)
            }
        }
    }
}

/// One item rule of the mapping, compiled.
public final class CompiledRule: Sendable {
    /// `items[0]`.
    public let name: String
    public let line: Int
    public let phase: Int
    public let type: CompiledTemplate
    public let id: CompiledTemplate
    public let conditions: [CompiledCondition]
    public let each: CompiledTemplate?
    public let data: [CompiledField]
    public let keepEmpty: Bool

    public init(
        name: String, line: Int, phase: Int, type: CompiledTemplate, id: CompiledTemplate,
        conditions: [CompiledCondition], each: CompiledTemplate?, data: [CompiledField], keepEmpty: Bool
    ) {
        self.name = name
        self.line = line
        self.phase = phase
        self.type = type
        self.id = id
        self.conditions = conditions
        self.each = each
        self.data = data
        self.keepEmpty = keepEmpty
    }
}

/// One key of `data` (or of a nested object).
public final class CompiledField: Sendable {
    /// `"key":`, encoded once.
    public let keyBytes: [UInt8]
    public let key: String
    public let node: CompiledNode

    public init(keyBytes: [UInt8], key: String, node: CompiledNode) {
        self.keyBytes = keyBytes
        self.key = key
        self.node = node
    }
}

public indirect enum CompiledNode: Sendable {
    case template(CompiledTemplate)
    /// A YAML number or boolean: JSON text as is.
    case literal([UInt8])
    case object([CompiledField])
    case array([CompiledNode])
}

/// A `when` condition.
public struct CompiledCondition: Sendable {
    public enum Test: Sendable {
        case equals(String)
        case notEquals(String)
        case oneOf(Set<String>)
        case noneOf(Set<String>)
        case present(Bool)
        case matches(CompiledRegex)
    }

    public var value: CompiledTemplate
    public var test: Test
}

/// A template compiled against the plan's slots.
/// A template compiled against the plan's slots. A class, so that the hot path
/// passes one reference instead of copying its arrays and strings.
public final class CompiledTemplate: Sendable {
    public enum Part: Sendable {
        /// Literal text, and its JSON-escaped bytes.
        case literal(String, escaped: [UInt8])
        case expression(CompiledExpression)
    }

    public let parts: [Part]
    /// As written in the mapping.
    public let source: String
    /// The rule that owns the template (`items[0].data.cost`).
    public let rule: String
    public let line: Int
    /// Whether a `required` filter appears: then a refused value is an error, not a warning.
    public let isRequired: Bool
    /// The expression when the template is exactly one, so that its value keeps its type.
    public let singleExpression: CompiledExpression?
    /// The slot when the template is exactly one field with no filters: the fast path.
    public let plainSlot: Int?
    /// The template's number in its plan (0 up to the plan's ``MappingPlan/templateCount``), so that
    /// per-template tables are arrays, not dictionaries; -1 for a template made outside a plan.
    public let serial: Int

    public init(parts: [Part], source: String, rule: String, line: Int, isRequired: Bool, serial: Int = -1) {
        self.serial = serial
        self.parts = parts
        self.source = source
        self.rule = rule
        self.line = line
        self.isRequired = isRequired
        if parts.count == 1, case .expression(let expression) = parts[0] {
            singleExpression = expression
            if expression.filters.isEmpty, case .slot(let slot) = expression.subject {
                plainSlot = slot
            } else {
                plainSlot = nil
            }
        } else {
            singleExpression = nil
            plainSlot = nil
        }
    }

    /// Whether the template is exactly one expression, so its value keeps its type.
    public var isSingleExpression: Bool { singleExpression != nil }
}

public final class CompiledExpression: Sendable {
    public enum Subject: Sendable {
        case slot(Int)
        case variable(Expression.Variable)
        case literal(String)
    }

    public let subject: Subject
    public let filters: [Filter]
    /// The field or variable as written, for messages.
    public let name: String
    /// Identical expressions share one index, so that a record evaluates each once; -1: never cached.
    public let cacheIndex: Int

    public init(subject: Subject, filters: [Filter], name: String, cacheIndex: Int) {
        self.subject = subject
        self.filters = filters
        self.name = name
        self.cacheIndex = cacheIndex
    }
}
