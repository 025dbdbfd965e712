/// The filter path on bytes: one field, one value, filters that can work on
/// UTF-8 bytes without making strings. Whenever a value needs anything else (a
/// refusal, a default, non-ASCII case mapping, a number to normalize), it gives
/// up and the general path computes the field, with its findings, from the start.
extension ItemBuilder {
    /// Writes the field and returns the result, or nil to leave it to the general path.
    func writeOnBytes(_ template: CompiledTemplate, _ record: Record) -> WriteResult? {
        guard template.parts.count == 1, case .expression(let expression) = template.parts[0] else { return nil }
        var filters = expression.filters[...]
        var separator: String?
        if case .split(let text)? = filters.last {
            // `split` last: its list is written straight out.
            separator = text
            filters = filters.dropLast()
        }
        guard let kind = transformOnBytes(expression, filters, record) else { return nil }
        if let separator {
            guard kind == .string else { return nil }
            return writeSplit(separator)
        }
        if kind == .string {
            json.append(UInt8(ascii: "\""))
            scratch.withUnsafeBytes { JSONBytes.appendEscaped($0, to: &json) }
            json.append(UInt8(ascii: "\""))
        } else {
            json.append(contentsOf: scratch)
        }
        return .written
    }

    /// Appends the text of a single-expression template (an id, a type) to `keys`, or nil for the general path.
    func textOnBytes(_ template: CompiledTemplate, _ record: Record) -> Range<Int>? {
        guard template.parts.count == 1, case .expression(let expression) = template.parts[0],
            transformOnBytes(expression, expression.filters[...], record) == .string
        else { return nil }
        let start = keys.count
        keys.append(contentsOf: scratch)
        return start..<keys.count
    }

    /// Runs `filters` on the single string value of the expression's field, leaving the result in
    /// `scratch`; nil when the general path must do it (or the result is empty).
    private func transformOnBytes(
        _ expression: CompiledExpression, _ filters: ArraySlice<Filter>, _ record: Record
    ) -> FieldValue.Kind? {
        guard case .slot(let slot) = expression.subject, record.slots[slot].count == 1,
            slot >= record.listSlots.count || !record.listSlots[slot]
        else { return nil }
        let field = record.values[record.slots[slot].lowerBound]
        guard field.kind == .string else { return nil }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: record.bytes[field.start..<(field.start + field.count)])
        var kind = FieldValue.Kind.string
        var skipNext = false
        for index in filters.indices {
            let filter = filters[index]
            if skipNext {
                skipNext = false
                continue
            }
            if scratch.isEmpty { return nil }
            // A map or lookup miss followed by `default` takes the default, as the general path does.
            func fallback() -> Bool {
                guard index + 1 < filters.endIndex, case .defaultValue(let text) = filters[index + 1] else {
                    return false
                }
                scratch = Array(text.utf8)
                skipNext = true
                return true
            }
            switch filter {
            case .trim:
                guard Self.trimASCII(&scratch) else { return nil }
            case .lower, .upper:
                guard kind == .string, Self.changeASCIICase(&scratch, upper: filter.name == "upper") else { return nil }
            case .number:
                guard kind == .string || kind == .number, Self.isCanonicalNumber(scratch) else { return nil }
                kind = .number
            case .boolean:
                guard kind == .string, let flag = Self.boolean(scratch) else { return nil }
                scratch = Array((flag ? "true" : "false").utf8)
                kind = .bool
            case .date(let pattern):
                guard kind == .string,
                    let iso = scratch.withUnsafeBufferPointer({ pattern.iso(bytes: $0) })
                else { return nil }
                scratch = Array(iso.utf8)
            case .map(_, let table):
                guard kind == .string else { return nil }
                if let mapped = table(String(decoding: scratch, as: UTF8.self)) {
                    scratch = Array(mapped.utf8)
                } else if !fallback() {
                    return nil
                }
            case .lookup(_, let table):
                guard kind == .string else { return nil }
                if let found = table.entries[String(decoding: scratch, as: UTF8.self)] {
                    scratch = Array(found.utf8)
                } else if !fallback() {
                    return nil
                }
            case .defaultValue, .required:
                break  // the value is not empty here: both leave it as it is
            default:
                return nil
            }
        }
        return scratch.isEmpty ? nil : kind
    }

    /// `split` on bytes: parts trimmed, empty ones dropped, written as a JSON array.
    private func writeSplit(_ separator: String) -> WriteResult? {
        let pattern = Array(separator.utf8)
        // Parts are trimmed of Unicode blanks too: leave non-ASCII text to the general path.
        guard !pattern.isEmpty, scratch.allSatisfy({ $0 < 0x80 }), pattern.allSatisfy({ $0 < 0x80 }) else {
            return nil
        }
        json.append(UInt8(ascii: "["))
        var count = 0
        var start = 0
        var index = 0
        func take(_ end: Int) {
            var low = start
            var high = end
            while low < high, String.isSpace(scratch[low]) { low += 1 }
            while high > low, String.isSpace(scratch[high - 1]) { high -= 1 }
            guard low < high else { return }
            if count > 0 { json.append(UInt8(ascii: ",")) }
            json.append(UInt8(ascii: "\""))
            scratch.withUnsafeBytes {
                JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[low..<high]), to: &json)
            }
            json.append(UInt8(ascii: "\""))
            count += 1
        }
        while index + pattern.count <= scratch.count {
            if scratch[index] == pattern[0], scratch[index..<(index + pattern.count)].elementsEqual(pattern) {
                take(index)
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        take(scratch.count)
        if count == 0 { return .empty }
        json.append(UInt8(ascii: "]"))
        return .written
    }

    /// Trims ASCII blanks; false when a Unicode blank sits at either end (the general path trims those).
    static func trimASCII(_ bytes: inout [UInt8]) -> Bool {
        var end = bytes.count
        while end > 0, String.isSpace(bytes[end - 1]) { end -= 1 }
        var start = 0
        while start < end, String.isSpace(bytes[start]) { start += 1 }
        if start < end, bytes[start] >= 0x80 || bytes[end - 1] >= 0x80 {
            var last = end - 1
            while last > start, bytes[last] & 0xC0 == 0x80 { last -= 1 }
            let first = String(decoding: bytes[start..<min(end, start + 4)], as: UTF8.self).first
            let final = String(decoding: bytes[last..<end], as: UTF8.self).first
            if first?.isWhitespace == true || final?.isWhitespace == true { return false }
        }
        if end < bytes.count { bytes.removeSubrange(end...) }
        if start > 0 { bytes.removeSubrange(..<start) }
        return true
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

    /// Whether the bytes are a number already in its shortest form (see `NumberText.isCanonical`).
    static func isCanonicalNumber(_ bytes: [UInt8]) -> Bool {
        NumberText.isCanonical(String(decoding: bytes, as: UTF8.self))
    }

    static func boolean(_ bytes: [UInt8]) -> Bool? {
        Filter.boolean(String(decoding: bytes, as: UTF8.self))
    }
}
