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

/// Marks each item of a batch whose type and id came before (``ItemBuilder/Item/duplicateOf``):
/// all hashes first, their slots touched, then the inserts, so that the cache misses overlap.
///
/// It runs on the builder's thread or on the emitter's, whichever has less to do: the builder's
/// when items are plain copies (then parsing, building and writing cost about the same), the
/// emitter's when filters or conditions make building the heaviest part.
struct DuplicateCheck {
    private var index = DuplicateIndex()
    private var hashes: [UInt64] = []

    static func runsOnBuilder(_ builder: ItemBuilder) -> Bool {
        builder.flatRules.allSatisfy { $0.allPlain && $0.conditions.isEmpty }
            && builder.plan.rules.allSatisfy { $0.each == nil }
    }

    mutating func mark(_ items: inout [ItemBuilder.Item], keys: [UInt8], events: [ItemEmitter.Event]) {
        let count = items.count
        hashes.removeAll(keepingCapacity: true)
        keys.withUnsafeBytes { keys in
            for item in items {
                hashes.append(
                    DuplicateIndex.hash(
                        type: UnsafeRawBufferPointer(rebasing: keys[item.type]),
                        id: UnsafeRawBufferPointer(rebasing: keys[item.id])))
            }
        }
        index.prefetch(hashes)
        for event in events {
            guard case .record(let ordinal, _, _, _, _, _, let range) = event else { continue }
            for position in range where position < count {
                if let first = index.insert(hash: hashes[position], ordinal: ordinal) {
                    items[position].duplicateOf = first
                }
            }
        }
    }
}

/// Remembers each (type, id) emitted as a 64-bit hash, with the 32-bit ordinal
/// of the record that emitted it first: 12 bytes a slot (hash and ordinal side by
/// side, so that a probe touches one cache line), open addressing with linear
/// probing, at most 85% full, growing by half. That is 14 to 21 bytes per
/// distinct item, never the item itself. The table is cut into 16 shards that
/// grow one at a time, so that growing never needs twice the memory at once.
struct DuplicateIndex {
    private var shards: [DuplicateShard] = Array(repeating: DuplicateShard(), count: 16)
    /// Keeps the loads of ``prefetch(_:)`` from being optimized away.
    private var touched: UInt32 = 0

    /// The hash an item is remembered by: eight bytes at a time, each word folded in by a
    /// full-width multiply with a key drawn per process, so that which ids collide cannot be
    /// known ahead. The type's length goes in first: ("ab", "c") and ("a", "bc") differ.
    static func hash(type: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer) -> UInt64 {
        let keys = Self.keys
        var state = fold(UInt64(type.count) ^ keys.0, keys.1)
        state = absorb(type, state, keys)
        state = absorb(id, state ^ keys.2, keys)
        return fold(state ^ UInt64(id.count), keys.3) | 1  // never 0: 0 marks a free slot
    }

    private static let keys: (UInt64, UInt64, UInt64, UInt64) = {
        var generator = SystemRandomNumberGenerator()
        // Odd keys: a multiply by them loses no bit.
        return (generator.next() | 1, generator.next() | 1, generator.next() | 1, generator.next() | 1)
    }()

    /// The high and low halves of the full product, folded together.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    private static func absorb(
        _ bytes: UnsafeRawBufferPointer, _ state: UInt64, _ keys: (UInt64, UInt64, UInt64, UInt64)
    ) -> UInt64 {
        var state = state
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            state = fold(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ keys.1, state ^ keys.3)
            offset += 8
        }
        if offset < count {
            var tail: UInt64 = 0
            for index in offset..<count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
            state = fold(tail ^ keys.2, state ^ keys.0 ^ UInt64(count - offset))
        }
        return state
    }

    /// Inserts the item; returns the ordinal of the first record when it was already there.
    mutating func insert(type: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, ordinal: Int) -> Int? {
        insert(hash: Self.hash(type: type, id: id), ordinal: ordinal)
    }

    /// Inserts an item by its ``hash(type:id:)``.
    mutating func insert(hash: UInt64, ordinal: Int) -> Int? {
        shards[Self.shard(hash)].insert(hash, ordinal: UInt32(truncatingIfNeeded: ordinal))
    }

    /// Reads the home slot of each hash, so that the inserts that follow find them in cache:
    /// the loads do not depend on each other, so the processor overlaps their misses.
    mutating func prefetch(_ hashes: some Collection<UInt64>) {
        var sum: UInt32 = 0
        for hash in hashes { sum &+= shards[Self.shard(hash)].peek(hash) }
        touched &+= sum
    }

    private static func shard(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> 60) }
}

struct DuplicateShard {
    /// Three words a slot: the hash's low and high halves, and the ordinal.
    private var slots: [UInt32] = Array(repeating: 0, count: 3 * 256)
    private var capacity = 256
    private var count = 0

    mutating func insert(_ hash: UInt64, ordinal: UInt32) -> Int? {
        let low = UInt32(truncatingIfNeeded: hash)
        let high = UInt32(truncatingIfNeeded: hash >> 32)
        let capacity = self.capacity
        let found: Int? = slots.withUnsafeMutableBufferPointer { slots in
            var index = Self.home(hash, capacity)
            while slots[3 * index] != 0 || slots[3 * index + 1] != 0 {
                if slots[3 * index] == low, slots[3 * index + 1] == high { return Int(slots[3 * index + 2]) }
                index += 1
                if index == capacity { index = 0 }
            }
            slots[3 * index] = low
            slots[3 * index + 1] = high
            slots[3 * index + 2] = ordinal
            return nil
        }
        if found != nil { return found }
        count += 1
        if count * 20 > capacity * 17 { grow() }
        return nil
    }

    /// The first word of the hash's home slot.
    func peek(_ hash: UInt64) -> UInt32 {
        slots[3 * Self.home(hash, capacity)]
    }

    /// The slot a hash starts probing at: the low 60 bits scaled to the capacity.
    private static func home(_ hash: UInt64, _ capacity: Int) -> Int {
        Int(truncatingIfNeeded: (hash << 4).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    private mutating func grow() {
        let old = slots
        let oldCapacity = capacity
        capacity = oldCapacity + oldCapacity / 2
        slots = Array(repeating: 0, count: 3 * capacity)
        let capacity = self.capacity
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in 0..<oldCapacity where old[3 * slot] != 0 || old[3 * slot + 1] != 0 {
                let hash = UInt64(old[3 * slot + 1]) << 32 | UInt64(old[3 * slot])
                var index = Self.home(hash, capacity)
                while slots[3 * index] != 0 || slots[3 * index + 1] != 0 {
                    index += 1
                    if index == capacity { index = 0 }
                }
                slots[3 * index] = old[3 * slot]
                slots[3 * index + 1] = old[3 * slot + 1]
                slots[3 * index + 2] = old[3 * slot + 2]
            }
        }
    }
}
