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
public struct CompiledRule: Sendable {
    /// `items[0]`.
    public var name: String
    public var line: Int
    public var phase: Int
    public var type: CompiledTemplate
    public var id: CompiledTemplate
    public var conditions: [CompiledCondition]
    public var each: CompiledTemplate?
    public var data: [CompiledField]
    public var keepEmpty: Bool
}

/// One key of `data` (or of a nested object).
public struct CompiledField: Sendable {
    /// `"key":`, encoded once.
    public var keyBytes: [UInt8]
    public var key: String
    public var node: CompiledNode
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
public struct CompiledTemplate: Sendable {
    public enum Part: Sendable {
        /// Literal text, and its JSON-escaped bytes.
        case literal(String, escaped: [UInt8])
        case expression(CompiledExpression)
    }

    public var parts: [Part]
    /// As written in the mapping.
    public var source: String
    /// The rule that owns the template (`items[0].data.cost`).
    public var rule: String
    public var line: Int
    /// Whether a `required` filter appears: then a refused value is an error, not a warning.
    public var isRequired: Bool

    /// The slot when the template is exactly one field with no filters: the fast path.
    public var plainSlot: Int? {
        guard parts.count == 1, case .expression(let expression) = parts[0], expression.filters.isEmpty,
            case .slot(let slot) = expression.subject
        else { return nil }
        return slot
    }

    /// Whether the template is exactly one expression, so its value keeps its type.
    public var isSingleExpression: Bool {
        guard parts.count == 1, case .expression = parts[0] else { return false }
        return true
    }
}

public struct CompiledExpression: Sendable {
    public enum Subject: Sendable {
        case slot(Int)
        case variable(Expression.Variable)
        case literal(String)
    }

    public var subject: Subject
    public var filters: [Filter]
    /// The field or variable as written, for messages.
    public var name: String
    /// Identical expressions share one index, so that a record evaluates each once; -1: never cached.
    public var cacheIndex: Int
}
