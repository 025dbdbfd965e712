import Yams

extension MappingCompiler {
    static let itemKeys = ["type", "id", "when", "each", "phase", "emptyValues", "data"]
    static let conditionTests = ["equals", "notEquals", "in", "notIn", "present", "matches"]

    func compileRule(_ node: Node, index: Int, keepEmpty fileKeepsEmpty: Bool) -> CompiledRule? {
        let name = "items[\(index)]"
        guard let fields = mapping(node, at: name) else { return nil }
        checkKeys(fields, allowed: Self.itemKeys, at: name)
        ruleHasEach = fields["each"] != nil
        let each = fields["each"].flatMap { compileTemplate($0, at: "\(name).each") }
        guard let typeNode = fields["type"], let idNode = fields["id"] else {
            report(node, name, "an item rule needs 'type' and 'id'")
            return nil
        }
        let type = compileTemplate(typeNode, at: "\(name).type")
        let id = compileTemplate(idNode, at: "\(name).id")
        var phase = 1
        if let phaseNode = fields["phase"] {
            if let value = phaseNode.int, value >= 1 {
                phase = value
            } else {
                report(
                    phaseNode, "\(name).phase", "phase must be a whole number from 1 (relations usually use phase: 2)")
            }
        }
        var keepEmpty = fileKeepsEmpty
        if let mode = enumValue(fields["emptyValues"], at: "\(name).emptyValues", allowed: ["drop", "keep"]) {
            keepEmpty = mode == "keep"
        }
        var conditions: [CompiledCondition] = []
        if let when = fields["when"], let list = sequence(when, at: "\(name).when") {
            for (position, condition) in list.enumerated() {
                if let compiled = compileCondition(condition, at: "\(name).when[\(position)]") {
                    conditions.append(compiled)
                }
            }
        }
        var data: [CompiledField] = []
        if let dataNode = fields["data"] {
            if case .object(let object)? = compileNode(dataNode, at: "\(name).data") {
                data = object
            } else if dataNode.mapping == nil {
                report(dataNode, "\(name).data", "data must be a mapping of keys to values")
            }
        }
        guard let type, let id else { return nil }
        return CompiledRule(
            name: name, line: node.mark?.line ?? 0, phase: phase, type: type, id: id, conditions: conditions,
            each: each, data: data, keepEmpty: keepEmpty)
    }

    func compileNode(_ node: Node, at path: String) -> CompiledNode? {
        switch node {
        case .mapping(let mapping):
            var fields: [CompiledField] = []
            for (key, value) in mapping {
                let name = key.string ?? ""
                if let compiled = compileNode(value, at: join(path, name)) {
                    fields.append(CompiledField(keyBytes: JSONBytes.keyBytes(name), key: name, node: compiled))
                }
            }
            return .object(fields)
        case .sequence(let sequence):
            return .array(sequence.enumerated().compactMap { compileNode($1, at: "\(path)[\($0)]") })
        case .scalar(let scalar):
            if !scalar.string.contains("{{"), let literal = Self.literalJSON(scalar) {
                return .literal(literal)
            }
            return compileTemplate(node, at: path).map(CompiledNode.template)
        default:
            report(node, path, "YAML aliases are not supported here")
            return nil
        }
    }

    func compileCondition(_ node: Node, at path: String) -> CompiledCondition? {
        guard let fields = mapping(node, at: path) else { return nil }
        checkKeys(fields, allowed: ["value"] + Self.conditionTests, at: path)
        let tests = Self.conditionTests.filter { fields[$0] != nil }
        guard let valueNode = fields["value"], tests.count == 1, let test = tests.first, let argument = fields[test]
        else {
            report(
                node, path,
                "a condition is { value: \"{{ field }}\", TEST: ... } with exactly one TEST of \(Self.conditionTests.joined(separator: ", "))"
            )
            return nil
        }
        guard let value = compileTemplate(valueNode, at: "\(path).value") else { return nil }
        let testPath = "\(path).\(test)"
        switch test {
        case "equals", "notEquals":
            guard let text = scalar(argument, at: testPath) else { return nil }
            return CompiledCondition(value: value, test: test == "equals" ? .equals(text) : .notEquals(text))
        case "in", "notIn":
            guard let list = sequence(argument, at: testPath) else { return nil }
            let set = Set(list.enumerated().compactMap { scalar($1, at: "\(testPath)[\($0)]") })
            return CompiledCondition(value: value, test: test == "in" ? .oneOf(set) : .noneOf(set))
        case "present":
            guard let flag = argument.bool else {
                report(argument, testPath, "present must be true or false")
                return nil
            }
            return CompiledCondition(value: value, test: .present(flag))
        default:
            guard let pattern = scalar(argument, at: testPath) else { return nil }
            do {
                return CompiledCondition(value: value, test: .matches(try CompiledRegex(pattern)))
            } catch {
                report(argument, testPath, "'\(pattern)' is not a valid regular expression")
                return nil
            }
        }
    }
}
