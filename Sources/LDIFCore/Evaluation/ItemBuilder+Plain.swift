/// The fast path of the commonest item: every data field a plain copy of one value.
/// The item's bytes are bounded first, that much room is made once, and the fields
/// are written into it through a pointer: no capacity or uniqueness check per piece.
extension ItemBuilder {
    /// Writes the fields of `flat` (all plain slots) for `record`; false, with nothing
    /// written, when a field has a list of values (the general path writes an array).
    func writePlainFields(_ flat: FlatRule, _ record: Record) -> Bool {
        var bound = 0
        var low = Int.max
        var high = 0
        for index in flat.fields {
            let slot = flatFields[index].slot
            let range = record.slots[slot]
            if range.isEmpty { continue }
            guard range.count == 1, slot >= record.listSlots.count || !record.listSlots[slot] else { return false }
            let value = record.values[range.lowerBound]
            // A comma, the key, quotes, and at most six bytes for each byte of the value (`\u00XX`).
            bound += 1 + flatFields[index].key.count + 2 + 6 * value.count
            low = min(low, value.start)
            high = max(high, value.start + value.count)
        }
        // The values usually lie side by side: one scan over them all tells whether any needs escaping
        // (most rows: none), and then each is copied as it is.
        let clean =
            low >= high
            || record.bytes.withUnsafeBufferPointer {
                !JSONBytes.needsEscaping(UnsafeBufferPointer(rebasing: $0[low..<high]))
            }
        let start = json.count
        // Room made by copying zeros (a vectorized copy), not by appending them one by one.
        if bound <= Self.zeros.count {
            Self.zeros.withUnsafeBufferPointer { json.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<bound])) }
        } else {
            json.append(contentsOf: repeatElement(0, count: bound))
        }
        var position = start
        json.withUnsafeMutableBufferPointer { out in
            record.bytes.withUnsafeBufferPointer { bytes in
                fieldKeys.withUnsafeBufferPointer { keys in
                    var first = true
                    for index in flat.fields {
                        let field = flatFields[index]
                        let range = record.slots[field.slot]
                        guard let valueIndex = range.first else { continue }
                        let value = record.values[valueIndex]
                        // An empty value is left out of `data`.
                        if value.count == 0 || value.kind == .null { continue }
                        if value.kind == .json, value.count == 2, bytes[value.start] == UInt8(ascii: "[") { continue }
                        if !first {
                            out[position] = UInt8(ascii: ",")
                            position += 1
                        }
                        first = false
                        position = Self.copy(UnsafeBufferPointer(rebasing: keys[field.key]), to: out, at: position)
                        let text = UnsafeBufferPointer(rebasing: bytes[value.start..<(value.start + value.count)])
                        if value.kind == .string {
                            out[position] = UInt8(ascii: "\"")
                            position =
                                clean
                                ? Self.copy(text, to: out, at: position + 1)
                                : JSONBytes.escape(text, to: out, at: position + 1)
                            out[position] = UInt8(ascii: "\"")
                            position += 1
                        } else {
                            position = Self.copy(text, to: out, at: position)
                        }
                    }
                }
            }
        }
        json.removeSubrange(position...)
        return true
    }

    private static let zeros = [UInt8](repeating: 0, count: 1 << 14)

    @inline(__always)
    static func copy(_ source: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at position: Int)
        -> Int
    {
        guard !source.isEmpty else { return position }
        (out.baseAddress! + position).update(from: source.baseAddress!, count: source.count)
        return position + source.count
    }
}
