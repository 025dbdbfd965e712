/// A rule of the plan laid out for the hot path: its top-level fields, conditions
/// and key templates as plain values with indexes (into the builder's flat arrays
/// and ``ByteCode``), so that building an item walks arrays of plain structs instead
/// of retaining the plan's objects field by field.
struct FlatRule {
    /// The rule's top-level `data` fields, a range of the builder's flat fields (in `data` order).
    var fields: Range<Int>
    /// The rule's `when` conditions, a range of the builder's flat conditions (in order).
    var conditions: Range<Int>
    /// The byte programs of the type and id templates, -1 when they have none.
    var typeProgram: Int
    var idProgram: Int
    /// Every data field is a plain copy of one field: the item can be written in one reserved stretch.
    var allPlain: Bool
}

/// One top-level `data` field.
struct FlatField {
    /// `"key":` in the builder's key bytes.
    var key: Range<Int>
    /// The slot of a plain column copy, -1 otherwise.
    var slot: Int
    /// The byte program of a single-field template with filters, -1 otherwise.
    var program: Int
}

/// One `when` condition: the byte program of its value and its test on bytes.
struct FlatCondition {
    var program: Int
    var test: ByteCode.Test
}

/// Lays the plan's rules out flat while compiling their byte programs.
struct Flattener {
    var code = ByteCode()
    var fields: [FlatField] = []
    var conditions: [FlatCondition] = []
    var keys: [UInt8] = []
    /// Programs of templates inside nested objects and arrays, by template serial (-1: none).
    var nested: [Int]

    init(templateCount: Int) {
        nested = Array(repeating: -1, count: templateCount)
    }

    mutating func add(_ rule: CompiledRule) -> FlatRule {
        let firstField = fields.count
        for field in rule.data {
            let start = keys.count
            keys.append(contentsOf: field.keyBytes)
            var flat = FlatField(key: start..<keys.count, slot: -1, program: -1)
            switch field.node {
            case .template(let template):
                if let slot = template.plainSlot {
                    flat.slot = slot
                } else {
                    flat.program = code.compile(template)
                }
            default:
                addNested(field.node)
            }
            fields.append(flat)
        }
        let firstCondition = conditions.count
        for condition in rule.conditions {
            let program = code.compile(condition.value)
            conditions.append(
                FlatCondition(program: program, test: program >= 0 ? code.test(condition.test) : .general))
        }
        return FlatRule(
            fields: firstField..<fields.count, conditions: firstCondition..<conditions.count,
            typeProgram: code.compile(rule.type), idProgram: code.compile(rule.id),
            allPlain: fields[firstField...].allSatisfy { $0.slot >= 0 })
    }

    private mutating func addNested(_ node: CompiledNode) {
        switch node {
        case .template(let template):
            let program = code.compile(template)
            if template.serial >= 0, template.serial < nested.count { nested[template.serial] = program }
        case .literal: break
        case .object(let fields): for field in fields { addNested(field.node) }
        case .array(let elements): for element in elements { addNested(element) }
        }
    }
}
