/// Builds the items of one record from a compiled plan, straight into JSON bytes.
///
/// Plain column copies are written from the record's bytes; only templates
/// with filters go through ``Value``. One builder is reused for every record,
/// so its buffers are allocated once.
public final class ItemBuilder {
    /// One item that came out of a record: ranges into the builder's buffers,
    /// valid until the next call of ``build(_:phase:)``.
    public struct Item {
        /// The type's text in ``keys``.
        public var type: Range<Int>
        /// The id's text in ``keys``.
        public var id: Range<Int>
        /// `{"type":…,"id":…,"data":{…}}`, compact, in ``json``, right after a comma.
        public var json: Range<Int>
        /// The rule that made it (`items[1]`).
        public var rule: String
        /// The ordinal of the record that emitted the same type and id first, when this item
        /// is a duplicate (the converter's check sets it); -1 otherwise.
        var duplicateOf = -1
    }

    let plan: MappingPlan
    /// The JSON of the current record's items.
    public internal(set) var json: [UInt8] = []
    /// The type and id text of the current record's items.
    public internal(set) var keys: [UInt8] = []
    /// The current record's items.
    public internal(set) var items: [Item] = []
    /// The current record's findings.
    public internal(set) var findings: [Finding] = []
    /// For workbook records: per sheet, the column each slot reads (see ``CellColumns``).
    public var cellColumns: [String: [Int]] = [:]
    /// Whether a `when` condition left out at least one item of the current record.
    public private(set) var filtered = false
    /// Values of expressions already evaluated for the current record (valid when the generation matches).
    var cachedValues: [Value?]
    var cachedGeneration: [Int]
    var generation = 0
    /// Working bytes of the byte-level filter path.
    var scratch: [UInt8] = []
    var spare: [UInt8] = []
    /// The plan's rules, fields and conditions, flattened for the hot path (see ``FlatRule``).
    let code: ByteCode
    let flatRules: [FlatRule]
    let flatFields: [FlatField]
    let flatConditions: [FlatCondition]
    let fieldKeys: [UInt8]
    /// Byte programs of templates nested in objects and arrays, by template serial (-1: none).
    let nestedPrograms: [Int]
    /// Whether byte programs run at all; off, every filter goes through the general path (tests compare both).
    var bytePath = true
    /// Called between two items of one `each` once the builder holds ``partItems`` items (or findings) or
    /// ``partBytes`` bytes of JSON: the converter hands them on, so that a record with a long list never
    /// holds all its items at once. Afterwards the builder's buffers may be others (empty ones).
    var onFull: (() -> Void)?
    static let partItems = 4096
    static let partBytes = 1 << 20
    /// The most items the builder held at once since it was made (tests check that it stays bounded).
    private(set) var mostItemsHeld = 0

    public init(plan: MappingPlan) {
        self.plan = plan
        cachedValues = Array(repeating: nil, count: plan.expressionCount)
        cachedGeneration = Array(repeating: -1, count: plan.expressionCount)
        json.reserveCapacity(1 << 16)
        keys.reserveCapacity(1024)
        var flat = Flattener(templateCount: plan.templateCount)
        flatRules = plan.rules.map { flat.add($0) }
        code = flat.code
        flatFields = flat.fields
        flatConditions = flat.conditions
        fieldKeys = flat.keys
        nestedPrograms = flat.nested
    }

    /// The text of a range of ``keys`` (type or id).
    public func text(_ range: Range<Int>) -> String {
        String(decoding: keys[range], as: UTF8.self)
    }

    /// Builds the items of the rules of `phase` for `record` into ``items``, ``findings`` and ``filtered``.
    ///
    /// - Parameter clear: false to add to the items, findings and bytes of earlier records
    ///   (the converter hands them over in batches); ranges are then into the whole buffers.
    public func build(_ record: Record, phase: Int, clear: Bool = true) {
        if clear {
            json.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            if !findings.isEmpty { findings.removeAll() }
        }
        filtered = false
        generation += 1
        for (index, rule) in plan.rules.enumerated() where rule.phase == phase {
            let flat = flatRules[index]
            let context = Context(record: record, each: nil)
            guard conditionsHold(rule, flat, context) else {
                filtered = true
                continue
            }
            if rule.each == nil {
                buildItem(rule, flat, context)
                continue
            }
            for each in eachValues(rule, context) {
                buildItem(rule, flat, Context(record: record, each: each))
                mostItemsHeld = max(mostItemsHeld, items.count)
                if let onFull,
                    items.count >= Self.partItems || findings.count >= Self.partItems || json.count >= Self.partBytes
                {
                    onFull()
                }
            }
        }
    }

    struct Context {
        let record: Record
        let each: Value?
    }

    private func eachValues(_ rule: CompiledRule, _ context: Context) -> [Value?] {
        guard let each = rule.each else { return [nil] }
        guard let value = evaluate(each, context, field: "each") else { return [] }
        switch value {
        case .list(let elements): return elements.filter { !$0.isEmpty }
        default: return value.isEmpty ? [] : [value]
        }
    }

    private func conditionsHold(_ rule: CompiledRule, _ flat: FlatRule, _ context: Context) -> Bool {
        for index in flat.conditions {
            let condition = flatConditions[index]
            if context.each == nil, let holds = holdsOnBytes(condition, context.record) {
                if !holds { return false }
                continue
            }
            if !holds(rule.conditions[index - flat.conditions.lowerBound], context) { return false }
        }
        return true
    }

    /// Whether one `when` condition holds for the record.
    func holds(_ condition: CompiledCondition, _ context: Context) -> Bool {
        let value = evaluate(condition.value, context, field: "when")?.text ?? ""
        switch condition.test {
        case .equals(let expected): return value == expected
        case .notEquals(let expected): return value != expected
        case .oneOf(let set): return set.contains(value)
        case .noneOf(let set): return !set.contains(value)
        case .present(let flag): return value.isEmpty != flag
        case .matches(let regex):
            switch regex.matches(value) {
            case .found(let holds): return holds
            case .noMatch: return false
            case .tooComplex:
                let shown = value.count > 60 ? String(value.prefix(60)) + "…" : value
                addFinding(
                    .error, code: "regex-too-complex",
                    "when: '\(shown)' \(regex.tooComplexReason); the record is not emitted by this rule",
                    condition.value, context, type: nil, id: nil)
                return false
            }
        }
    }

    /// Writes one item into `json` and appends it to `items`, unless it must not be emitted (a finding says why).
    private func buildItem(_ rule: CompiledRule, _ flat: FlatRule, _ context: Context) {
        let jsonStart = json.count
        let keysStart = keys.count
        guard let type = textBytes(rule.type, program: flat.typeProgram, context),
            let id = textBytes(rule.id, program: flat.idProgram, context)
        else {
            keys.removeSubrange(keysStart...)
            return
        }
        guard !type.isEmpty else {
            addFinding(
                .error, code: "empty-type", "the item type came out empty (template \(rule.type.source))", rule.type,
                context, type: nil, id: text(id))
            keys.removeSubrange(keysStart...)
            return
        }
        guard !id.isEmpty else {
            addFinding(
                .error, code: "empty-id",
                "the item id came out empty (template \(rule.id.source)); the item is not emitted", rule.id, context,
                type: text(type), id: nil)
            keys.removeSubrange(keysStart...)
            return
        }
        guard checkKeys(rule, type: type, id: id, context) else {
            keys.removeSubrange(keysStart...)
            return
        }
        // A comma before every item: items that follow each other here are joined as a chunk's content wants them.
        json.append(static: #",{"type":""#)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[type]), to: &json) }
        json.append(static: #"","id":""#)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[id]), to: &json) }
        json.append(static: #"","data":{"#)
        let findingsBefore = findings.count
        let written = writeTopFields(rule, flat, context)
        if findings.count > findingsBefore {
            let typeText = text(type)
            let idText = text(id)
            for index in findingsBefore..<findings.count {
                findings[index].itemType = typeText
                findings[index].itemId = idText
            }
        }
        guard written else {
            json.removeSubrange(jsonStart...)
            keys.removeSubrange(keysStart...)
            return
        }
        json.append(static: "}}")
        items.append(Item(type: type, id: id, json: (jsonStart + 1)..<json.count, rule: rule.name))
    }

    /// Writes the item's `data` pairs from the flat fields; false when a required field failed.
    private func writeTopFields(_ rule: CompiledRule, _ flat: FlatRule, _ context: Context) -> Bool {
        if bytePath, flat.allPlain, !rule.keepEmpty, writePlainFields(flat, context.record) { return true }
        var first = true
        for index in flat.fields {
            let field = flatFields[index]
            let mark = json.count
            if !first { json.append(UInt8(ascii: ",")) }
            fieldKeys.withUnsafeBufferPointer { json.append(contentsOf: UnsafeBufferPointer(rebasing: $0[field.key])) }
            let result: WriteResult
            if field.slot >= 0 {
                result = writePlainSlot(field.slot, rule, context)
            } else if field.program >= 0, !rule.keepEmpty, let done = writeProgram(field.program, context.record) {
                result = done
            } else {
                result = writeNode(rule.data[index - flat.fields.lowerBound].node, rule, context, bytes: false)
            }
            switch result {
            case .written: first = false
            case .empty: json.removeSubrange(mark...)
            case .failed: return false
            }
        }
        return true
    }

    /// Writes `"key":value` pairs; false when a required field failed.
    private func writeFields(_ fields: [CompiledField], _ rule: CompiledRule, _ context: Context) -> Bool {
        var first = true
        for field in fields {
            let mark = json.count
            if !first { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: field.keyBytes)
            switch writeNode(field.node, rule, context) {
            case .written: first = false
            case .empty: json.removeSubrange(mark...)
            case .failed: return false
            }
        }
        return true
    }

    enum WriteResult { case written, empty, failed }

    /// Writes a value; `bytes`: whether a template may try the byte path first (nested fields).
    private func writeNode(_ node: CompiledNode, _ rule: CompiledRule, _ context: Context, bytes: Bool = true)
        -> WriteResult
    {
        switch node {
        case .literal(let bytes):
            json.append(contentsOf: bytes)
            return .written
        case .object(let fields):
            json.append(UInt8(ascii: "{"))
            let start = json.count
            guard writeFields(fields, rule, context) else { return .failed }
            if json.count == start, !rule.keepEmpty { return .empty }
            json.append(UInt8(ascii: "}"))
            return .written
        case .array(let elements):
            json.append(UInt8(ascii: "["))
            var count = 0
            for element in elements {
                let mark = json.count
                if count > 0 { json.append(UInt8(ascii: ",")) }
                switch writeNode(element, rule, context) {
                case .written: count += 1
                case .empty: json.removeSubrange(mark...)
                case .failed: return .failed
                }
            }
            if count == 0, !rule.keepEmpty { return .empty }
            json.append(UInt8(ascii: "]"))
            return .written
        case .template(let template):
            return writeTemplate(template, rule, context, bytes: bytes)
        }
    }
}
