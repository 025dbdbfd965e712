/// The fate of every record across all phases, two bits each: memory grows by
/// 2 bits per record, never by the record.
struct RecordLedger {
    private var emitted: [UInt64] = []
    private var failed: [UInt64] = []

    mutating func markEmitted(_ ordinal: Int) { set(&emitted, ordinal) }
    mutating func markFailed(_ ordinal: Int) { set(&failed, ordinal) }

    private func set(_ bits: inout [UInt64], _ ordinal: Int) {
        let word = ordinal >> 6
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: word - bits.count + 1)) }
        bits[word] |= 1 << UInt64(ordinal & 63)
    }

    /// Records that produced at least one item.
    var emittedCount: Int { emitted.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Records with an error that produced no item.
    var rejectedCount: Int {
        var count = 0
        for (word, bits) in failed.enumerated() {
            let emittedBits = word < emitted.count ? emitted[word] : 0
            count += (bits & ~emittedBits).nonzeroBitCount
        }
        return count
    }
}

/// Remembers each (type, id) emitted, as a 96-bit hash and the 32-bit ordinal of
/// the record that emitted it first: 16 bytes per item, open addressing.
struct DuplicateIndex {
    private var slots: [(UInt64, UInt64)]
    private var count = 0
    private var mask: Int

    init() {
        slots = Array(repeating: (0, 0), count: 1024)
        mask = 1023
    }

    /// Inserts the item; returns the ordinal of the first record when it was already there.
    mutating func insert(type: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, ordinal: Int) -> Int? {
        var first = Hasher()
        first.combine(0x5EED as UInt64)
        first.combine(type.count)
        first.combine(bytes: type)
        first.combine(bytes: id)
        var second = Hasher()
        second.combine(id.count)
        second.combine(bytes: id)
        second.combine(bytes: type)
        let high = UInt64(bitPattern: Int64(first.finalize())) | 1  // never 0: 0 marks a free slot
        let low = UInt64(UInt32(truncatingIfNeeded: second.finalize())) << 32
        var index = Int(truncatingIfNeeded: high) & mask
        while slots[index].0 != 0 {
            if slots[index].0 == high, slots[index].1 & 0xFFFF_FFFF_0000_0000 == low {
                return Int(slots[index].1 & 0xFFFF_FFFF)
            }
            index = (index + 1) & mask
        }
        slots[index] = (high, low | UInt64(UInt32(truncatingIfNeeded: ordinal)))
        count += 1
        if count * 4 > slots.count * 3 { grow() }
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: (0, 0), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.0 != 0 {
            var index = Int(truncatingIfNeeded: slot.0) & mask
            while slots[index].0 != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
