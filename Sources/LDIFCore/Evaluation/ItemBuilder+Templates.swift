extension ItemBuilder {
    /// Writes a template's value as JSON after its key.
    func writeTemplate(_ template: CompiledTemplate, _ rule: CompiledRule, _ context: Context, bytes: Bool)
        -> WriteResult
    {
        if let slot = template.plainSlot {
            return writePlainSlot(slot, rule, context)
        }
        if !template.isSingleExpression, let plain = plainText(template, context.record) {
            // Text and plain columns only: copy bytes, no intermediate values.
            if !plain, !rule.keepEmpty { return .empty }
            return .written
        }
        if bytes, !rule.keepEmpty, template.serial >= 0, template.serial < nestedPrograms.count,
            nestedPrograms[template.serial] >= 0,
            let result = writeProgram(nestedPrograms[template.serial], context.record)
        {
            return result
        }
        guard let value = evaluate(template, context, field: template.rule) else {
            return template.isRequired ? .failed : .empty
        }
        if value.isEmpty, !rule.keepEmpty { return .empty }
        value.write(to: &json)
        return .written
    }

    /// The fast path: one field, no filters, written from the record's bytes with its kind.
    func writePlainSlot(_ slot: Int, _ rule: CompiledRule, _ context: Context) -> WriteResult {
        let record = context.record
        let range = record.slots[slot]
        if range.count == 1, slot >= record.listSlots.count || !record.listSlots[slot] {
            let value = record.values[range.lowerBound]
            if value.isEmpty(in: record.bytes) {
                guard rule.keepEmpty else { return .empty }
            }
            write(value, of: record)
            return .written
        }
        if range.isEmpty {
            guard rule.keepEmpty else { return .empty }
            json.append(contentsOf: "\"\"".utf8)
            return .written
        }
        json.append(UInt8(ascii: "["))
        for (index, value) in record.values[range].enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            write(value, of: record)
        }
        json.append(UInt8(ascii: "]"))
        return .written
    }

    private func write(_ value: FieldValue, of record: Record) {
        switch value.kind {
        case .string:
            json.append(UInt8(ascii: "\""))
            record.bytes.withUnsafeBytes { raw in
                JSONBytes.appendEscaped(
                    UnsafeRawBufferPointer(rebasing: raw[value.start..<(value.start + value.count)]), to: &json)
            }
            json.append(UInt8(ascii: "\""))
        case .null:
            json.append(contentsOf: "null".utf8)
        case .number, .bool, .json:
            json.append(contentsOf: record.bytes[value.start..<(value.start + value.count)])
        }
    }

    /// Writes a template of literal text and plain single-valued fields as one JSON string.
    /// Returns nil when the template needs the general path, else whether the text is non-empty.
    private func plainText(_ template: CompiledTemplate, _ record: Record) -> Bool? {
        for part in template.parts {
            if case .expression(let expression) = part {
                guard expression.filters.isEmpty, case .slot(let slot) = expression.subject,
                    record.slots[slot].count <= 1
                else { return nil }
            }
        }
        let start = json.count
        json.append(UInt8(ascii: "\""))
        for part in template.parts {
            switch part {
            case .literal(_, let escaped): json.append(contentsOf: escaped)
            case .expression(let expression):
                guard case .slot(let slot) = expression.subject, let index = record.slots[slot].first else { continue }
                let value = record.values[index]
                guard value.kind != .null else { continue }
                record.bytes.withUnsafeBytes { raw in
                    JSONBytes.appendEscaped(
                        UnsafeRawBufferPointer(rebasing: raw[value.start..<(value.start + value.count)]), to: &json)
                }
            }
        }
        json.append(UInt8(ascii: "\""))
        return json.count - start > 2
    }

    /// Appends a template's text (ids, types) to `keys` and returns its range;
    /// nil when it cannot be built (a finding says why).
    func textBytes(_ template: CompiledTemplate, program: Int, _ context: Context) -> Range<Int>? {
        let start = keys.count
        if appendPlainText(template, context.record) { return start..<keys.count }
        if program >= 0, let range = textProgram(program, context.record) { return range }
        guard let value = evaluate(template, context, field: template.rule) else { return nil }
        if case .json = value.firstValue {
            addFinding(
                .error, code: "structured-key",
                "\(template.source) gives a JSON object or array where text is needed (pick one of its fields); "
                    + "the item is not emitted",
                template, context, type: nil, id: nil)
            return nil
        }
        var text = value.text
        if case .list(let elements) = value {
            if elements.count > 1 {
                addFinding(
                    .error, code: "many-values",
                    "\(template.source) gives \(elements.count) values where one is needed (use first or join)",
                    template, context, type: nil, id: nil)
                return nil
            }
            text = elements.first?.text ?? ""
        }
        keys.append(contentsOf: text.utf8)
        return start..<keys.count
    }

    /// Appends the text of a template made of literals and plain single-valued fields; false when it needs the general path.
    private func appendPlainText(_ template: CompiledTemplate, _ record: Record) -> Bool {
        for part in template.parts {
            if case .expression(let expression) = part {
                guard expression.filters.isEmpty, case .slot(let slot) = expression.subject,
                    record.slots[slot].count <= 1
                else { return false }
                // A JSON object or array is no type or id: the general path says so.
                if let index = record.slots[slot].first, record.values[index].kind == .json { return false }
            }
        }
        for part in template.parts {
            switch part {
            case .literal(let literal, _): keys.append(contentsOf: literal.utf8)
            case .expression(let expression):
                guard case .slot(let slot) = expression.subject, let index = record.slots[slot].first else { continue }
                let value = record.values[index]
                if value.kind != .null {
                    keys.append(contentsOf: record.bytes[value.start..<(value.start + value.count)])
                }
            }
        }
        return true
    }

    /// Evaluates a template to a value; nil when a filter refused it (and no default followed).
    func evaluate(_ template: CompiledTemplate, _ context: Context, field: String) -> Value? {
        if template.isSingleExpression, case .expression(let expression) = template.parts[0] {
            return evaluate(expression, template, context)
        }
        var result = ""
        for part in template.parts {
            switch part {
            case .literal(let literal, _): result += literal
            case .expression(let expression):
                guard let value = evaluate(expression, template, context) else { return nil }
                if case .list(let elements) = value, elements.count > 1 {
                    addFinding(
                        template.isRequired ? .error : .warning, code: "many-values",
                        "\(expression.name) gives \(elements.count) values inside a longer text; use first or join",
                        template, context, type: nil, id: nil)
                    return nil
                }
                result += value.text
            }
        }
        return .string(result)
    }

    private func evaluate(_ expression: CompiledExpression, _ template: CompiledTemplate, _ context: Context) -> Value?
    {
        let slot = expression.cacheIndex
        if slot >= 0, cachedGeneration[slot] == generation, let value = cachedValues[slot] { return value }
        let raw = subjectValue(expression.subject, context)
        var current: Value? = raw
        var problem: FilterProblem?
        var previous: Filter?
        for filter in expression.filters {
            if let value = current {
                let (result, refusal) = filter.apply(value, previous: previous)
                current = result
                if let refusal { problem = refusal }
            } else if case .defaultValue(let fallback) = filter {
                current = Filter.typedDefault(fallback, after: previous)
                problem = nil
            }
            previous = filter
        }
        if current == nil, let problem {
            let severity: Finding.Severity = template.isRequired ? .error : .warning
            let consequence = template.isRequired ? "; the item is not emitted" : "; the field is left out"
            // Name the value as it was in the input when earlier filters changed it.
            let shown = Finding.excerpt(raw.text)
            let original =
                problem.kind == .rejected && !problem.message.contains("'\(shown)'")
                ? " (input value '\(shown)')" : ""
            addFinding(
                severity, code: problem.filter, problem.message + original + consequence, template, context, type: nil,
                id: nil, field: expression.name, column: cellColumn(of: expression, context))
        }
        // Only clean results are shared: a refusal must be reported for every field that meets it.
        if slot >= 0, problem == nil, let current {
            cachedValues[slot] = current
            cachedGeneration[slot] = generation
        }
        return current
    }

    /// The worksheet column a field expression reads, for a workbook record; nil otherwise.
    private func cellColumn(of expression: CompiledExpression, _ context: Context) -> Int? {
        guard case .slot(let slot) = expression.subject, let sheet = context.record.location.sheet,
            let columns = cellColumns[sheet], slot < columns.count, columns[slot] > 0
        else { return nil }
        return columns[slot]
    }

    private func subjectValue(_ subject: CompiledExpression.Subject, _ context: Context) -> Value {
        switch subject {
        case .slot(let slot): return context.record.value(ofSlot: slot)
        case .literal(let text): return .string(text)
        case .variable(.each): return context.each ?? .string("")
        case .variable(.key): return .string(context.record.key ?? "")
        case .variable(.record): return .number(String(context.record.location.record))
        case .variable(.file): return .string(context.record.location.file)
        case .variable(.sheet): return .string(context.record.location.sheet ?? "")
        }
    }

    func addFinding(
        _ severity: Finding.Severity, code: String, _ message: String, _ template: CompiledTemplate, _ context: Context,
        type: String?, id: String?, field: String? = nil, column: Int? = nil
    ) {
        var location = context.record.location
        if let column { location.column = column }
        findings.append(
            Finding(
                severity, .mapping, code: code, message: message, location: location,
                field: field, rule: template.rule, itemType: type, itemId: id))
    }
}
