import Yams

/// Walks the YAML of a mapping, collects every problem, and builds the plan.
final class MappingCompiler {
    /// Templates compiled so far: each gets the next number (``CompiledTemplate/serial``).
    var templateCount = 0
    let file: String
    let directory: String
    let importers: [any ImporterFactory]
    var diagnostics: [MappingDiagnostic] = []

    var paths: [FieldPath] = []
    var slotOfPath: [FieldPath: Int] = [:]
    var usages: [[MappingPlan.Usage]] = []
    var maps: [String: ValueMap] = [:]
    var lookups: [String: LookupTable] = [:]
    /// Identity of each distinct expression → its cache index.
    var expressionIndex: [String: Int] = [:]
    /// Whether the rule being compiled has `each` (so `$each` is defined).
    var ruleHasEach = false

    static let topKeys = ["ldif", "source", "maps", "lookups", "items", "emptyValues", "duplicates"]

    init(file: String, directory: String, importers: [any ImporterFactory]) {
        self.file = file
        self.directory = directory
        self.importers = importers
    }

    func compile(_ root: Node) -> MappingPlan? {
        guard let top = mapping(root, at: "") else { return nil }
        checkKeys(top, allowed: Self.topKeys, at: "")
        let header = compileHeader(top["ldif"], root: root)
        let source = compileSource(top["source"])
        if let node = top["maps"] { compileMaps(node) }
        if let node = top["lookups"] { compileLookups(node, source: source) }
        let keepEmpty = enumValue(top["emptyValues"], at: "emptyValues", allowed: ["drop", "keep"]) == "keep"
        let duplicates = enumValue(top["duplicates"], at: "duplicates", allowed: ["finding", "error", "allow"])
        var rules: [CompiledRule] = []
        if let items = top["items"] {
            if let list = sequence(items, at: "items") {
                if list.isEmpty {
                    report(items, "items", "the mapping has no item rules: add at least one under items:")
                }
                for (index, node) in list.enumerated() {
                    if let rule = compileRule(node, index: index, keepEmpty: keepEmpty) { rules.append(rule) }
                }
            }
        } else {
            report(root, "", "the mapping has no 'items:' section: add at least one item rule")
        }
        guard let header else { return nil }
        return MappingPlan(
            file: file, header: header, source: source, paths: paths, usages: usages, rules: rules,
            duplicates: duplicates.flatMap(MappingPlan.DuplicatePolicy.init(rawValue:)) ?? .finding,
            expressionCount: expressionIndex.count, templateCount: templateCount,
            lookupFiles: Set(lookups.values.map(\.file)).sorted())
    }

    // MARK: - Slots

    func slot(for path: FieldPath, rule: String, line: Int) -> Int {
        if let slot = slotOfPath[path] {
            usages[slot].append(.init(rule: rule, line: line))
            return slot
        }
        let slot = paths.count
        paths.append(path)
        slotOfPath[path] = slot
        usages.append([.init(rule: rule, line: line)])
        return slot
    }

    // MARK: - Reporting and YAML helpers

    func report(_ node: Node?, _ path: String, _ message: String) {
        diagnostics.append(MappingDiagnostic(file: file, line: node?.mark?.line ?? 0, path: path, message: message))
    }

    func mapping(_ node: Node, at path: String) -> Node.Mapping? {
        guard let mapping = node.mapping else {
            report(node, path, "expected a mapping of keys to values here")
            return nil
        }
        return mapping
    }

    func sequence(_ node: Node, at path: String) -> [Node]? {
        guard let sequence = node.sequence else {
            report(node, path, "expected a list here")
            return nil
        }
        return Array(sequence)
    }

    func scalar(_ node: Node?, at path: String) -> String? {
        guard let node else { return nil }
        guard let scalar = node.scalar else {
            report(node, path, "expected a single value here, not a list or mapping")
            return nil
        }
        return scalar.string
    }

    func checkKeys(_ mapping: Node.Mapping, allowed: [String], at path: String) {
        for (key, _) in mapping {
            let name = key.string ?? ""
            if !allowed.contains(name) {
                let hint = Suggestion.hint(for: name, in: allowed)
                let known = hint.isEmpty ? " (known keys: \(allowed.joined(separator: ", ")))" : hint
                report(key, join(path, name), "unknown key '\(name)'\(known)")
            }
        }
    }

    func enumValue(_ node: Node?, at path: String, allowed: [String]) -> String? {
        guard let value = scalar(node, at: path) else { return nil }
        guard allowed.contains(value) else {
            report(
                node, path,
                "'\(value)' is not one of \(allowed.joined(separator: ", "))\(Suggestion.hint(for: value, in: allowed))"
            )
            return nil
        }
        return value
    }

    /// The formats the importers read.
    var knownFormats: [String] {
        Array(Set(importers.flatMap(\.formats))).sorted()
    }

    func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
