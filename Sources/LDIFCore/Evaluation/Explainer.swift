/// `explain`: for one record, every item it produces and, for every data field,
/// the template, the raw values and the result. The mapping's debugger.
public struct Explainer {
    let plan: MappingPlan

    public init(plan: MappingPlan) {
        self.plan = plan
    }

    /// The explanation of `record`, as lines of text.
    public func explain(_ record: Record) -> [String] {
        var lines = ["record \(record.location.record) of \(record.location.description)"]
        if let pointer = record.location.pointer { lines.append("  pointer: \(pointer)") }
        if let sheet = record.location.sheet { lines.append("  $sheet: \(JSONBytes.quoted(sheet))") }
        if let key = record.key { lines.append("  $key: \(JSONBytes.quoted(key))") }
        lines.append("fields:")
        for (slot, path) in plan.paths.enumerated() {
            lines.append("  \(path) = \(record.value(ofSlot: slot).jsonText)")
        }
        let builder = ItemBuilder(plan: plan)
        for phase in plan.phases {
            builder.build(record, phase: phase)
            let items = builder.items.map {
                (rule: $0.rule, json: String(decoding: builder.json[$0.json], as: UTF8.self))
            }
            let findings = builder.findings
            for rule in plan.rules where rule.phase == phase {
                lines += explain(rule, record, builder: builder, items: items, findings: findings)
            }
        }
        return lines
    }

    private func explain(
        _ rule: CompiledRule, _ record: Record, builder: ItemBuilder, items built: [(rule: String, json: String)],
        findings: [Finding]
    ) -> [String] {
        var lines = ["", "\(rule.name) (line \(rule.line), phase \(rule.phase))"]
        let context = ItemBuilder.Context(record: record, each: nil)
        for (index, condition) in rule.conditions.enumerated() {
            let value = builder.evaluate(condition.value, context, field: "when")?.text ?? ""
            let verdict = builder.holds(condition, context) ? "holds" : "fails: no item"
            lines.append("  when[\(index)]: \(condition.value.source) = \(JSONBytes.quoted(value)) → \(verdict)")
        }
        var eachValues: [Value?] = [nil]
        if let each = rule.each {
            let value = builder.evaluate(each, context, field: "each") ?? .list([])
            lines.append("  each: \(each.source) = \(value.jsonText)")
            if case .list(let elements) = value {
                eachValues = elements
            } else {
                eachValues = value.isEmpty ? [] : [value]
            }
        }
        for each in eachValues {
            let eachContext = ItemBuilder.Context(record: record, each: each)
            if let each { lines.append("  $each = \(each.jsonText)") }
            lines.append(
                "  type: \(rule.type.source) → \(show(builder.evaluate(rule.type, eachContext, field: "type")))")
            lines.append("  id: \(rule.id.source) → \(show(builder.evaluate(rule.id, eachContext, field: "id")))")
            lines += explainFields(rule.data, prefix: "data", builder: builder, context: eachContext)
        }
        let items = built.filter { $0.rule == rule.name }
        if items.isEmpty { lines.append("  → no item") }
        for item in items { lines.append("  → \(item.json)") }
        for finding in findings where finding.rule?.hasPrefix(rule.name) == true {
            lines.append("  \(finding.severity.rawValue): \(finding.rule ?? ""): \(finding.message)")
        }
        return lines
    }

    private func explainFields(
        _ fields: [CompiledField], prefix: String, builder: ItemBuilder, context: ItemBuilder.Context
    ) -> [String] {
        var lines: [String] = []
        for field in fields {
            let name = "\(prefix).\(field.key)"
            switch field.node {
            case .template(let template):
                lines.append("  \(name): \(JSONBytes.quoted(template.source))")
                for part in template.parts {
                    if case .expression(let expression) = part, case .slot(let slot) = expression.subject {
                        lines.append("      \(expression.name) = \(context.record.value(ofSlot: slot).jsonText)")
                    }
                }
                let value = builder.evaluate(template, context, field: name)
                lines.append(
                    "      → \(value.map { $0.isEmpty ? "(empty: left out)" : $0.jsonText } ?? "(refused: left out)")")
            case .literal(let bytes):
                lines.append("  \(name): \(String(decoding: bytes, as: UTF8.self)) (literal)")
            case .object(let nested):
                lines += explainFields(nested, prefix: name, builder: builder, context: context)
            case .array:
                lines.append("  \(name): (list)")
            }
        }
        return lines
    }

    private func show(_ value: Value?) -> String {
        value.map { JSONBytes.quoted($0.text) } ?? "(refused)"
    }
}

/// Keeps one record of an input: the one `explain` looks at.
public final class RecordPicker: RecordSink {
    public let wanted: Int
    public private(set) var picked: Record?
    public private(set) var rejection: Finding?
    public private(set) var seen = 0

    public init(record: Int) {
        wanted = record
    }

    public func accept(_ record: borrowing Record) {
        seen += 1
        if seen == wanted { picked = copy record }
    }

    public func reject(_ finding: Finding) {
        seen += 1
        if seen == wanted { rejection = finding }
    }

    public func report(_ finding: Finding) {}
    public func note(_ message: String) {}
}
