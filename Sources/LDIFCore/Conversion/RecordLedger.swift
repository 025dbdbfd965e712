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

/// Remembers each (type, id) emitted as a 64-bit hash, with the 32-bit ordinal
/// of the record that emitted it first: 12 bytes a slot, open addressing with
/// linear probing, at most 85% full, growing by half. That is 14 to 21 bytes per
/// distinct item, never the item itself. The table is cut into 16 shards that
/// grow one at a time, so that growing never needs twice the memory at once.
struct DuplicateIndex {
    private var shards: [DuplicateShard] = Array(repeating: DuplicateShard(), count: 16)

    /// Inserts the item; returns the ordinal of the first record when it was already there.
    mutating func insert(type: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, ordinal: Int) -> Int? {
        var hasher = Hasher()
        hasher.combine(type.count)
        hasher.combine(bytes: type)
        hasher.combine(bytes: id)
        let hash = UInt64(bitPattern: Int64(hasher.finalize())) | 1  // never 0: 0 marks a free slot
        return shards[Int(truncatingIfNeeded: hash >> 60)].insert(hash, ordinal: UInt32(truncatingIfNeeded: ordinal))
    }
}

struct DuplicateShard {
    private var hashes: [UInt64] = Array(repeating: 0, count: 256)
    private var ordinals: [UInt32] = Array(repeating: 0, count: 256)
    private var count = 0

    mutating func insert(_ hash: UInt64, ordinal: UInt32) -> Int? {
        let capacity = hashes.count
        var index = Self.home(hash, capacity)
        while hashes[index] != 0 {
            if hashes[index] == hash { return Int(ordinals[index]) }
            index += 1
            if index == capacity { index = 0 }
        }
        hashes[index] = hash
        ordinals[index] = ordinal
        count += 1
        if count * 20 > capacity * 17 { grow() }
        return nil
    }

    /// The slot a hash starts probing at: the low 60 bits scaled to the capacity.
    private static func home(_ hash: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (hash << 4).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func grow() {
        let oldHashes = hashes
        let oldOrdinals = ordinals
        let capacity = oldHashes.count + oldHashes.count / 2
        hashes = Array(repeating: 0, count: capacity)
        ordinals = Array(repeating: 0, count: capacity)
        for (slot, hash) in oldHashes.enumerated() where hash != 0 {
            var index = Self.home(hash, capacity)
            while hashes[index] != 0 {
                index += 1
                if index == capacity { index = 0 }
            }
            hashes[index] = hash
            ordinals[index] = oldOrdinals[slot]
        }
    }
}
