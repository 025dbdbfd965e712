import Yams

extension MappingCompiler {
    func compileTemplate(_ node: Node, at path: String) -> CompiledTemplate? {
        guard let text = scalar(node, at: path) else { return nil }
        let line = node.mark?.line ?? 0
        let template: Template
        do {
            template = try TemplateParser.parse(text)
        } catch {
            report(node, path, "\(error.message) in template \(JSONBytes.quoted(text))")
            return nil
        }
        var parts: [CompiledTemplate.Part] = []
        var isRequired = false
        var failed = false
        for part in template.parts {
            switch part {
            case .literal(let literal):
                var escaped: [UInt8] = []
                JSONBytes.appendEscaped(literal, to: &escaped)
                parts.append(.literal(literal, escaped: escaped))
            case .expression(let expression):
                guard let compiled = compileExpression(expression, node: node, at: path, line: line) else {
                    failed = true
                    continue
                }
                isRequired = isRequired || compiled.filters.contains { if case .required = $0 { true } else { false } }
                parts.append(.expression(compiled))
            }
        }
        if failed { return nil }
        templateCount += 1
        return CompiledTemplate(
            parts: parts, source: text, rule: path, line: line, isRequired: isRequired, serial: templateCount - 1)
    }

    private func compileExpression(_ expression: Expression, node: Node, at path: String, line: Int)
        -> CompiledExpression?
    {
        let subject: CompiledExpression.Subject
        let name: String
        switch expression.subject {
        case .field(let field):
            subject = .slot(slot(for: field, rule: path, line: line))
            name = field.description
        case .variable(let variable):
            if variable == .each, !ruleHasEach {
                report(node, path, "$each is only defined in an item rule that has 'each:'")
                return nil
            }
            subject = .variable(variable)
            name = "$" + variable.rawValue
        case .literal(let text):
            subject = .literal(text)
            name = JSONBytes.quoted(text)
        }
        var filters: [Filter] = []
        var ok = true
        for call in expression.filters {
            if let filter = compileFilter(call, node: node, at: path) { filters.append(filter) } else { ok = false }
        }
        guard ok else { return nil }
        // `$each` differs per item, so its expressions are never cached.
        var index = -1
        if case .variable(.each) = expression.subject {
        } else {
            let identity = "\(expression.subject)|\(expression.filters)"
            index = expressionIndex[identity] ?? expressionIndex.count
            expressionIndex[identity] = index
        }
        return CompiledExpression(subject: subject, filters: filters, name: name, cacheIndex: index)
    }

    private func compileFilter(_ call: FilterCall, node: Node, at path: String) -> Filter? {
        guard let entry = FilterCatalog.entry(named: call.name) else {
            let names = FilterCatalog.entries.map(\.name)
            report(node, path, "unknown filter '\(call.name)'\(Suggestion.hint(for: call.name, in: names))")
            return nil
        }
        guard entry.arguments.contains(call.arguments.count) else {
            let expected =
                entry.arguments.lowerBound == 0
                ? "no argument" : "\(entry.arguments.lowerBound) argument\(entry.arguments.lowerBound == 1 ? "" : "s")"
            report(
                node, path,
                "filter '\(call.name)' takes \(expected), not \(call.arguments.count) (write: \(entry.usage))")
            return nil
        }
        let args = call.arguments
        switch call.name {
        case "trim": return .trim
        case "lower": return .lower
        case "upper": return .upper
        case "required": return .required
        case "number": return .number
        case "integer": return .integer
        case "boolean": return .boolean
        case "first": return .first
        case "list": return .list
        case "default": return .defaultValue(args[0])
        case "split", "join":
            guard !args[0].isEmpty else {
                report(node, path, "filter '\(call.name)' needs a non-empty separator")
                return nil
            }
            return call.name == "split" ? .split(args[0]) : .join(args[0])
        case "replace":
            guard !args[0].isEmpty else {
                report(node, path, "replace needs a non-empty text to replace")
                return nil
            }
            return .replace(args[0], args[1])
        case "date":
            do { return .date(try DatePattern(args[0])) } catch {
                report(node, path, "bad date pattern: \(error.message)")
                return nil
            }
        case "match":
            do { return .match(try CompiledRegex(args[0])) } catch {
                report(
                    node, path,
                    "'\(args[0])' is not a valid regular expression (in YAML, single-quote it so backslashes survive)")
                return nil
            }
        case "map":
            guard let table = maps[args[0]] else {
                report(
                    node, path,
                    "unknown map '\(args[0])'\(Suggestion.hint(for: args[0], in: maps.keys)) (define it under maps:)")
                return nil
            }
            return .map(name: args[0], table: table)
        default:
            guard let table = lookups[args[0]] else {
                report(
                    node, path,
                    "unknown lookup '\(args[0])'\(Suggestion.hint(for: args[0], in: lookups.keys)) (define it under lookups:)"
                )
                return nil
            }
            return .lookup(name: args[0], table: table)
        }
    }
}
