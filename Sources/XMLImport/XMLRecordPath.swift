import LDIFCore

/// Which elements are records: `/bom/components/component` (an absolute
/// path from the document element) or `//component` (at any depth, with
/// optional parents: `//components/component`).
///
/// Names match by local name, so a default namespace (as CycloneDX uses) or a
/// prefix needs no mention; a prefix written in the path is ignored. `*`
/// matches any name. Without a path, the children of the document element
/// are the records (`/*/*`).
struct XMLRecordPath: Sendable, Equatable {
    /// The path as the mapping wrote it (`/*/*` when it gave none).
    var text: String
    /// Local names from the top (absolute) or the last names of the element chain (`//`).
    var steps: [String]
    /// `//`: the steps are the end of the element chain, at any depth.
    var anyDepth: Bool

    /// Parses a record path.
    ///
    /// - Throws: ``ConversionError`` (`.options`) for a path of another form.
    init(_ text: String?) throws(ConversionError) {
        guard let text else {
            self.init(text: "/*/*", steps: ["*", "*"], anyDepth: false)
            return
        }
        let anyDepth = text.hasPrefix("//")
        let body = text.dropFirst(anyDepth ? 2 : 1)
        guard text.hasPrefix("/"), !body.isEmpty else {
            throw Self.refusal(
                text, "write an absolute path like /bom/components/component, or //component for any depth")
        }
        var steps: [String] = []
        for step in body.split(separator: "/", omittingEmptySubsequences: false) {
            guard let name = XMLFieldPath.localName(of: step) ?? (step == "*" ? "*" : nil) else {
                let shown = step.isEmpty ? "an empty step" : "'\(step)'"
                throw Self.refusal(
                    text, "\(shown) is not an element name (attributes, '//' inside and predicates are not supported)")
            }
            steps.append(name)
        }
        self.init(text: text, steps: steps, anyDepth: anyDepth)
    }

    private init(text: String, steps: [String], anyDepth: Bool) {
        self.text = text
        self.steps = steps
        self.anyDepth = anyDepth
    }

    private static func refusal(_ text: String, _ reason: String) -> ConversionError {
        ConversionError(.options, "source.records: '\(text)' is not an XML record path: \(reason)")
    }

    /// The path with names turned into ids of `names`.
    func compiled(into names: inout XMLNameTable) -> CompiledXMLRecordPath {
        CompiledXMLRecordPath(
            steps: steps.map { $0 == "*" ? XMLNameTable.any : names.intern($0) }, anyDepth: anyDepth)
    }
}

/// A record path as name ids, matched against the chain of open elements.
struct CompiledXMLRecordPath: Sendable {
    var steps: [Int32]
    var anyDepth: Bool

    /// Whether the innermost element of `chain` (name ids from the document element down) is a record.
    @inline(__always)
    func matches(_ chain: [Int32]) -> Bool {
        let count = steps.count
        if anyDepth ? chain.count < count : chain.count != count { return false }
        let offset = chain.count - count
        var index = count - 1
        while index >= 0 {
            let step = steps[index]
            if step != XMLNameTable.any && step != chain[offset + index] { return false }
            index -= 1
        }
        return true
    }
}
