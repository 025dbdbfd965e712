extension ItemBuilder {
    /// The longest type or id accepted, in bytes. LeanIX documents no limit; an external id is a field
    /// value that people search and read, and a longer one is almost always a mapping mistake.
    public static let maxKeyBytes = 1000

    /// What is wrong with a type or id's text in `keys[range]`, in words; nil when nothing is.
    ///
    /// An id of blanks only, one with a control character (a NUL, a line break) or one past
    /// ``maxKeyBytes`` would reach LeanIX as an external id that no one can type or read back.
    static func keyProblem(_ keys: [UInt8], _ range: Range<Int>) -> String? {
        if range.count > maxKeyBytes { return "is \(range.count) bytes long (at most \(maxKeyBytes) are accepted)" }
        var blank = true
        for offset in range {
            let byte = keys[offset]
            if byte < 0x20 || byte == 0x7F {
                let code = String(byte, radix: 16, uppercase: true)
                return "holds a control character (U+\(String(repeating: "0", count: 4 - code.count))\(code) "
                    + "at byte \(offset - range.lowerBound + 1))"
            }
            if byte != 0x20 { blank = false }
        }
        return blank ? "is only spaces" : nil
    }

    /// Checks the type and id of the item being built; false (with an error finding) when either is refused.
    func checkKeys(_ rule: CompiledRule, type: Range<Int>, id: Range<Int>, _ context: Context) -> Bool {
        if let problem = Self.keyProblem(keys, type) {
            addFinding(
                .error, code: "bad-type",
                "the item type \(problem) (template \(rule.type.source)); the item is not emitted",
                rule.type, context, type: nil, id: Self.shown(keys, id))
            return false
        }
        if let problem = Self.keyProblem(keys, id) {
            addFinding(
                .error, code: "bad-id", "the item id \(problem) (template \(rule.id.source)); the item is not emitted",
                rule.id, context, type: Self.shown(keys, type), id: nil)
            return false
        }
        return true
    }

    /// The text of `keys[range]` for a finding, cut short when long.
    static func shown(_ keys: [UInt8], _ range: Range<Int>) -> String {
        let text = String(decoding: keys[range.prefix(200)], as: UTF8.self)
        return range.count > 200 ? text + "…" : text
    }
}
