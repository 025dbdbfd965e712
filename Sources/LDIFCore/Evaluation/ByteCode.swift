/// The plan's single-field templates compiled once more, for the byte path: each
/// a program of steps whose payloads are plain indexes into this value's tables,
/// so that running one copies no strings, makes no values and retains nothing.
///
/// Only filters that can work on one UTF-8 value are compiled; a template with any
/// other filter has no program and always takes the general path.
struct ByteCode {
    enum Step {
        case trim, lower, upper, number, boolean
        /// `required` or `default` on a value that is not empty: nothing to do.
        case keep
        /// A date pattern, by index into ``dates``.
        case date(Int)
        /// A map or lookup, by index into ``tables``; `fallback` is the literal of a `default`
        /// right after it (taken on a miss), -1 when there is none.
        case table(Int, fallback: Int)
    }

    struct Program {
        /// The field's slot in the record.
        var slot: Int
        /// The range of ``steps``.
        var steps: Range<Int>
        /// A `split` as the last filter: the separator's index in ``literals``, -1 when there is none.
        var split: Int
    }

    /// A `when` test on bytes.
    enum Test {
        case present(Bool)
        /// The value is one of ``literals`` in the range (`equals` is a range of one); `negated` for the opposites.
        case among(Range<Int>, negated: Bool)
        /// Regexes: the general path.
        case general
    }

    private(set) var steps: [Step] = []
    private(set) var dates: [DatePattern] = []
    private(set) var tables: [ByteTable] = []
    private(set) var literals: [[UInt8]] = []
    private(set) var programs: [Program] = []
    private var tableIndex: [String: Int] = [:]

    /// Compiles a template; returns the index of its program, or -1 when it needs the general path.
    mutating func compile(_ template: CompiledTemplate) -> Int {
        guard let expression = template.singleExpression, case .slot(let slot) = expression.subject else { return -1 }
        var filters = expression.filters[...]
        var split = -1
        if case .split(let separator)? = filters.last {
            guard !separator.isEmpty, separator.utf8.allSatisfy({ $0 < 0x80 }) else { return -1 }
            split = literal(separator)
            filters = filters.dropLast()
        }
        let first = steps.count
        var index = filters.startIndex
        while index < filters.endIndex {
            defer { index += 1 }
            switch filters[index] {
            case .trim: steps.append(.trim)
            case .lower: steps.append(.lower)
            case .upper: steps.append(.upper)
            case .number: steps.append(.number)
            case .boolean: steps.append(.boolean)
            case .required, .defaultValue: steps.append(.keep)
            case .date(let pattern):
                dates.append(pattern)
                steps.append(.date(dates.count - 1))
            case .map(let name, let map):
                let index = table("map:" + name, ByteTable(map.entries, fallback: map.fallback))
                steps.append(.table(index, fallback: -1))
            case .lookup(let name, let lookup):
                steps.append(.table(table("lookup:" + name, lookup.table), fallback: -1))
            default:
                steps.removeSubrange(first...)
                return -1
            }
            // A miss followed by `default` takes the default, as the general path does.
            if case .table(let table, _) = steps.last!, index + 1 < filters.endIndex,
                case .defaultValue(let text) = filters[index + 1]
            {
                steps[steps.count - 1] = .table(table, fallback: literal(text))
                index += 1
            }
        }
        programs.append(Program(slot: slot, steps: first..<steps.count, split: split))
        return programs.count - 1
    }

    /// The byte test of a condition whose value has a program.
    mutating func test(_ test: CompiledCondition.Test) -> Test {
        switch test {
        case .present(let flag): return .present(flag)
        case .equals(let text): return .among(literals([text]), negated: false)
        case .notEquals(let text): return .among(literals([text]), negated: true)
        case .oneOf(let set): return .among(literals(set.sorted()), negated: false)
        case .noneOf(let set): return .among(literals(set.sorted()), negated: true)
        case .matches: return .general
        }
    }

    private mutating func table(_ key: String, _ make: @autoclosure () -> ByteTable) -> Int {
        if let index = tableIndex[key] { return index }
        tables.append(make())
        tableIndex[key] = tables.count - 1
        return tables.count - 1
    }

    private mutating func literal(_ text: String) -> Int {
        literals.append(Array(text.utf8))
        return literals.count - 1
    }

    private mutating func literals(_ texts: [String]) -> Range<Int> {
        let first = literals.count
        for text in texts { literals.append(Array(text.utf8)) }
        return first..<literals.count
    }
}
