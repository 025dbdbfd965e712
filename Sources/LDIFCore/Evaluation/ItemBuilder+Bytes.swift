/// The filter path on bytes: one field, one value, filters that can work on
/// UTF-8 bytes without making strings. Whenever a value needs anything else (a
/// refusal, a default, non-ASCII case mapping, a number to normalize), it gives
/// up and the general path computes the field, with its findings, from the start.
extension ItemBuilder {
    /// Writes a field through its byte program and returns the result, or nil to leave it to the general path.
    func writeProgram(_ index: Int, _ record: Record) -> WriteResult? {
        guard let kind = runProgram(index, record) else { return nil }
        let split = code.programs[index].split
        if split >= 0 {
            guard kind == .string else { return nil }
            return writeSplit(split)
        }
        if scratch.isEmpty { return .empty }
        // The scratch bytes are read from a local (swapped out and back): read from the class while
        // its `json` is written, they would be retained and released field after field.
        var text: [UInt8] = []
        swap(&text, &scratch)
        if kind == .string {
            json.append(UInt8(ascii: "\""))
            text.withUnsafeBytes { JSONBytes.appendEscaped($0, to: &json) }
            json.append(UInt8(ascii: "\""))
        } else {
            json.append(contentsOf: text)
        }
        swap(&text, &scratch)
        return .written
    }

    /// Appends the text of an id or type through its byte program to `keys`, or nil for the general path.
    func textProgram(_ index: Int, _ record: Record) -> Range<Int>? {
        guard code.programs[index].split < 0, runProgram(index, record) == .string else { return nil }
        let start = keys.count
        keys.append(contentsOf: scratch)
        return start..<keys.count
    }

    /// Whether a `when` condition holds, on bytes; nil when the general path must decide.
    func holdsOnBytes(_ condition: FlatCondition, _ record: Record) -> Bool? {
        guard condition.program >= 0, code.programs[condition.program].split < 0,
            runProgram(condition.program, record) != nil
        else { return nil }
        switch condition.test {
        case .present(let flag): return scratch.isEmpty != flag
        case .among(let range, let negated):
            for index in range where code.literals[index] == scratch { return !negated }
            // Other text than ASCII may still equal a listed one as a string (canonical equivalence).
            guard scratch.allSatisfy({ $0 < 0x80 }) else { return nil }
            return negated
        case .general: return nil
        }
    }

    /// Runs a program on its field's single string value, leaving the result in `scratch`;
    /// nil when the general path must do it (a refusal, a miss, a list, text it does not handle).
    private func runProgram(_ index: Int, _ record: Record) -> FieldValue.Kind? {
        guard bytePath else { return nil }
        let program = code.programs[index]
        let slot = program.slot
        guard record.slots[slot].count == 1, slot >= record.listSlots.count || !record.listSlots[slot] else {
            return nil
        }
        let field = record.values[record.slots[slot].lowerBound]
        guard field.kind == .string else { return nil }
        scratch.removeAll(keepingCapacity: true)
        record.bytes.withUnsafeBufferPointer {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: $0[field.start..<(field.start + field.count)]))
        }
        var kind = FieldValue.Kind.string
        for step in program.steps {
            // An empty value meets `default` and `required` differently: the general path knows how.
            if scratch.isEmpty { return nil }
            guard let next = run(code.steps[step], kind) else { return nil }
            kind = next
        }
        return kind
    }

    /// One step on `scratch`; the kind after it, or nil for the general path.
    private func run(_ step: ByteCode.Step, _ kind: FieldValue.Kind) -> FieldValue.Kind? {
        switch step {
        case .keep:
            return kind
        case .trim:
            return Self.trimASCII(&scratch) ? kind : nil
        case .lower, .upper:
            guard kind == .string, Self.changeASCIICase(&scratch, upper: step.isUpper) else { return nil }
            return kind
        case .number:
            guard kind == .string || kind == .number, NumberText.isCanonical(bytes: scratch) else { return nil }
            return .number
        case .boolean:
            guard kind == .string, let flag = Filter.boolean(bytes: scratch) else { return nil }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: (flag ? "true" : "false").utf8)
            return .bool
        case .date(let pattern):
            guard kind == .string else { return nil }
            var text: [UInt8] = []
            swap(&text, &scratch)
            spare.removeAll(keepingCapacity: true)
            let done = text.withUnsafeBufferPointer { code.dates[pattern].appendISO(bytes: $0, to: &spare) }
            swap(&text, &scratch)
            guard done else { return nil }
            swap(&scratch, &spare)
            return kind
        case .table(let table, let fallback):
            guard kind == .string else { return nil }
            // On a local: with the class's scratch written, the table would be copied (and retained) to be read.
            var text: [UInt8] = []
            swap(&text, &scratch)
            let replaced = code.tables[table].replace(&text)
            swap(&text, &scratch)
            if replaced { return kind }
            // A miss on text other than ASCII may be a hit as a string: the general path decides.
            guard fallback >= 0, scratch.allSatisfy({ $0 < 0x80 }) else { return nil }
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: code.literals[fallback])
            return kind
        }
    }

    /// `split` on bytes: parts trimmed, empty ones dropped, written as a JSON array.
    private func writeSplit(_ separator: Int) -> WriteResult? {
        // Parts are trimmed of Unicode blanks too: leave non-ASCII text to the general path.
        guard scratch.allSatisfy({ $0 < 0x80 }) else { return nil }
        let start = json.count
        json.append(UInt8(ascii: "["))
        var text: [UInt8] = []
        swap(&text, &scratch)
        Filter.forEachPart(of: text, separator: code.literals[separator]) { range in
            if json.count > start + 1 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            text.withUnsafeBytes {
                JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[range]), to: &json)
            }
            json.append(UInt8(ascii: "\""))
        }
        swap(&text, &scratch)
        if json.count == start + 1 {
            json.removeLast()
            return .empty
        }
        json.append(UInt8(ascii: "]"))
        return .written
    }

    /// Trims ASCII blanks; false when the general path must trim, which works on characters: a Unicode
    /// blank at either end, or a blank that a combining mark joins into one character with the text.
    static func trimASCII(_ bytes: inout [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, String.isSpace(bytes[end - 1]) { end -= 1 }
        var start = 0
        while start < end, String.isSpace(bytes[start]) { start += 1 }
        if start < end, bytes[start] >= 0x80 {
            if start > 0 || startsUnicodeSpace(bytes, at: start) { return false }
        }
        if start < end, bytes[end - 1] >= 0x80 {
            var first = end - 1
            while first > start, bytes[first - 1] >= 0x80 { first -= 1 }
            if first > 0, String.isSpace(bytes[first - 1]) { return false }
            var index = first
            while index < end {
                if startsUnicodeSpace(bytes, at: index) { return false }
                index += 1
            }
        }
        if end < bytes.count { bytes.removeSubrange(end...) }
        if start > 0 { bytes.removeSubrange(..<start) }
        return true
    }

    /// Whether a blank other than ASCII starts at `index`: U+0085, U+00A0, U+1680, U+2000-U+200A,
    /// U+2028, U+2029, U+202F, U+205F, U+3000 (Unicode's White_Space beyond ASCII).
    static func startsUnicodeSpace(_ bytes: [UInt8], at index: Int) -> Bool {
        func byte(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        switch byte(0) {
        case 0xC2: return byte(1) == 0x85 || byte(1) == 0xA0
        case 0xE1: return byte(1) == 0x9A && byte(2) == 0x80
        case 0xE2:
            if byte(1) == 0x80 { return (0x80...0x8A).contains(byte(2)) || [0xA8, 0xA9, 0xAF].contains(byte(2)) }
            return byte(1) == 0x81 && byte(2) == 0x9F
        case 0xE3: return byte(1) == 0x80 && byte(2) == 0x80
        default: return false
        }
    }

    /// ASCII case change in place; false when the text is not all ASCII.
    static func changeASCIICase(_ bytes: inout [UInt8], upper: Bool) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x80 { return false }
            if upper, byte >= 0x61, byte <= 0x7A { bytes[index] = byte - 0x20 }
            if !upper, byte >= 0x41, byte <= 0x5A { bytes[index] = byte | 0x20 }
        }
        return true
    }
}

extension ByteCode.Step {
    var isUpper: Bool {
        if case .upper = self { return true }
        return false
    }
}
