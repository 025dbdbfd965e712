/// Builds the items of one record from a compiled plan, straight into JSON bytes.
///
/// Plain column copies are written from the record's bytes; only templates
/// with filters go through ``Value``. One builder is reused for every record,
/// so its buffers are allocated once.
public final class ItemBuilder {
    /// One item that came out of a record.
    public struct Item {
        public var type: String
        public var id: String
        /// `{"type":…,"id":…,"data":{…}}`, compact.
        public var json: ArraySlice<UInt8>
        public var rule: String
    }

    /// What one record gave.
    public struct Outcome {
        public var items: [Item] = []
        public var findings: [Finding] = []
        /// Whether a `when` condition left out at least one item.
        public var filtered = false
    }

    let plan: MappingPlan
    var out: [UInt8] = []
    var text: [UInt8] = []
    var outcome = Outcome()
    /// Values of expressions already evaluated for the current record (valid when the generation matches).
    var cachedValues: [Value?]
    var cachedGeneration: [Int]
    var generation = 0

    public init(plan: MappingPlan) {
        self.plan = plan
        cachedValues = Array(repeating: nil, count: plan.expressionCount)
        cachedGeneration = Array(repeating: -1, count: plan.expressionCount)
        out.reserveCapacity(1 << 16)
        text.reserveCapacity(1024)
    }

    /// Builds the items of the rules of `phase` for `record`.
    public func build(_ record: Record, phase: Int) -> Outcome {
        // The previous outcome's items are slices of `out`: drop them first so
        // that `out` is uniquely referenced and keeps its storage.
        outcome = Outcome()
        out.removeAll(keepingCapacity: true)
        generation += 1
        var ranges: [(Int, Int)] = []
        var pending: [(String, String, String)] = []
        for rule in plan.rules where rule.phase == phase {
            let context = Context(record: record, each: nil)
            guard conditionsHold(rule, context) else {
                outcome.filtered = true
                continue
            }
            for each in eachValues(rule, context) {
                let start = out.count
                let eachContext = Context(record: record, each: each)
                if let (type, id) = buildItem(rule, eachContext) {
                    ranges.append((start, out.count))
                    pending.append((type, id, rule.name))
                } else {
                    out.removeSubrange(start...)
                }
            }
        }
        for (index, (start, end)) in ranges.enumerated() {
            let (type, id, rule) = pending[index]
            outcome.items.append(Item(type: type, id: id, json: out[start..<end], rule: rule))
        }
        return outcome
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

    private func conditionsHold(_ rule: CompiledRule, _ context: Context) -> Bool {
        rule.conditions.allSatisfy { holds($0, context) }
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
        case .matches(let regex): return regex.matches(value)
        }
    }

    /// Writes one item into `out`; nil when it must not be emitted (a finding says why).
    private func buildItem(_ rule: CompiledRule, _ context: Context) -> (String, String)? {
        guard let type = textValue(rule.type, context), let id = textValue(rule.id, context) else { return nil }
        guard !type.isEmpty else {
            addFinding(.error, code: "empty-type", "the item type came out empty (template \(rule.type.source))", rule.type, context, type: nil, id: id)
            return nil
        }
        guard !id.isEmpty else {
            addFinding(.error, code: "empty-id", "the item id came out empty (template \(rule.id.source)); the item is not emitted", rule.id, context, type: type, id: nil)
            return nil
        }
        out.append(contentsOf: #"{"type":"#.utf8)
        JSONBytes.appendString(type, to: &out)
        out.append(contentsOf: #","id":"#.utf8)
        JSONBytes.appendString(id, to: &out)
        out.append(contentsOf: #","data":{"#.utf8)
        let findingsBefore = outcome.findings.count
        guard writeFields(rule.data, rule, context) else {
            // The item is not emitted: its findings become errors about the item.
            for index in findingsBefore..<outcome.findings.count {
                outcome.findings[index].itemType = type
                outcome.findings[index].itemId = id
            }
            return nil
        }
        for index in findingsBefore..<outcome.findings.count {
            outcome.findings[index].itemType = type
            outcome.findings[index].itemId = id
        }
        out.append(contentsOf: "}}".utf8)
        return (type, id)
    }

    /// Writes `"key":value` pairs; false when a required field failed.
    private func writeFields(_ fields: [CompiledField], _ rule: CompiledRule, _ context: Context) -> Bool {
        var first = true
        for field in fields {
            let mark = out.count
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: field.keyBytes)
            switch writeNode(field.node, rule, context) {
            case .written: first = false
            case .empty: out.removeSubrange(mark...)
            case .failed: return false
            }
        }
        return true
    }

    enum WriteResult { case written, empty, failed }

    private func writeNode(_ node: CompiledNode, _ rule: CompiledRule, _ context: Context) -> WriteResult {
        switch node {
        case .literal(let bytes):
            out.append(contentsOf: bytes)
            return .written
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            let start = out.count
            guard writeFields(fields, rule, context) else { return .failed }
            if out.count == start, !rule.keepEmpty { return .empty }
            out.append(UInt8(ascii: "}"))
            return .written
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            var count = 0
            for element in elements {
                let mark = out.count
                if count > 0 { out.append(UInt8(ascii: ",")) }
                switch writeNode(element, rule, context) {
                case .written: count += 1
                case .empty: out.removeSubrange(mark...)
                case .failed: return .failed
                }
            }
            if count == 0, !rule.keepEmpty { return .empty }
            out.append(UInt8(ascii: "]"))
            return .written
        case .template(let template):
            return writeTemplate(template, rule, context)
        }
    }
}
