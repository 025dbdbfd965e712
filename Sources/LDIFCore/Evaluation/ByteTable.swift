import Foundation

/// A value map or lookup table keyed by UTF-8 bytes: every key and value in one
/// byte store, an entry of offsets per key, and an open-addressing index of entry
/// numbers. A million keys cost their bytes plus about 32 bytes each, with no
/// string or dictionary node per entry.
///
/// Byte equality implies string equality, so a hit is always right. A miss on
/// ASCII text is a real miss too; a miss on other text may still be a hit for
/// Swift's string comparison (canonically equivalent forms), so the byte path
/// leaves such a miss to the general path (a value map decides there; a lookup
/// table matches bytes only, there too).
struct ByteTable: Sendable {
    private struct Entry {
        var hash: UInt64
        var keyStart: UInt32
        var keyCount: UInt32
        var valueStart: UInt32
        var valueCount: UInt32
    }

    /// What ``insert(key:value:)`` did.
    enum Insertion: Equatable {
        /// A new key: its entry number.
        case inserted(Int)
        /// The key was there already (the table is unchanged): that entry's number.
        case duplicate(Int)
        /// The store would pass 4 GiB.
        case full
    }

    private var store: [UInt8] = []
    private var entries: [Entry] = []
    /// Entry index + 1 per bucket, 0 for an empty bucket; a power of two long, at most half full.
    private var buckets: [Int32] = Array(repeating: 0, count: 8)
    /// The `"*"` answer of a value map, as a range of `store`.
    private var fallback: Range<Int>?

    init() {}

    init(_ pairs: [String: String], fallback: String? = nil) {
        // Sorted, so that the table is laid out the same in every run.
        for (key, value) in pairs.sorted(by: { $0.key < $1.key }) {
            var key = key
            var value = value
            _ = key.withUTF8 { keyBytes in
                value.withUTF8 { insert(key: UnsafeRawBufferPointer(keyBytes), value: UnsafeRawBufferPointer($0)) }
            }
        }
        if let fallback {
            let start = store.count
            store.append(contentsOf: fallback.utf8)
            self.fallback = start..<store.count
        }
    }

    /// The number of keys.
    var count: Int { entries.count }

    /// The bytes held: the store, the entries and the index (what a table costs, for tests and notes).
    var footprint: Int {
        store.capacity + entries.capacity * MemoryLayout<Entry>.stride + buckets.capacity * 4
    }

    /// Makes room for `bytes` bytes of keys and values.
    mutating func reserve(bytes: Int) {
        if bytes > 0 { store.reserveCapacity(bytes) }
    }

    /// Adds a key and its value, unless the key is there already (then the first value stays).
    mutating func insert(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) -> Insertion {
        guard store.count + key.count + value.count < Int(UInt32.max), entries.count < Int(Int32.max) - 1 else {
            return .full
        }
        let hash = Self.hash(key)
        if let existing = entry(for: key, hash: hash) { return .duplicate(existing) }
        if (entries.count + 1) * 2 > buckets.count { grow() }
        let keyStart = store.count
        store.append(contentsOf: key)
        let valueStart = store.count
        store.append(contentsOf: value)
        entries.append(
            Entry(
                hash: hash, keyStart: UInt32(keyStart), keyCount: UInt32(key.count), valueStart: UInt32(valueStart),
                valueCount: UInt32(value.count)))
        place(entries.count - 1, hash: hash)
        return .inserted(entries.count - 1)
    }

    /// Replaces `bytes` with the value for the key `bytes` holds (or the `"*"` answer); false on a miss.
    func replace(_ bytes: inout [UInt8]) -> Bool {
        guard let range = bytes.withUnsafeBytes({ find($0) }) ?? fallback else { return false }
        bytes.removeAll(keepingCapacity: true)
        store.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        return true
    }

    /// The value stored for `key` (its UTF-8 bytes), nil when the key is not in the table.
    func value(for key: String) -> String? {
        var key = key
        guard let range = key.withUTF8({ find(UnsafeRawBufferPointer($0)) }) else { return nil }
        return String(decoding: store[range], as: UTF8.self)
    }

    /// The range of the value stored for `key`, nil when the key is not in the table.
    private func find(_ key: UnsafeRawBufferPointer) -> Range<Int>? {
        guard let index = entry(for: key, hash: Self.hash(key)) else { return nil }
        let entry = entries[index]
        return Int(entry.valueStart)..<Int(entry.valueStart + entry.valueCount)
    }

    private func entry(for key: UnsafeRawBufferPointer, hash: UInt64) -> Int? {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        return store.withUnsafeBytes { store in
            while true {
                let slot = Int(buckets[bucket])
                if slot == 0 { return nil }
                let entry = entries[slot - 1]
                if entry.hash == hash, Int(entry.keyCount) == key.count {
                    let start = Int(entry.keyStart)
                    if key.isEmpty || memcmp(store.baseAddress! + start, key.baseAddress!, key.count) == 0 {
                        return slot - 1
                    }
                }
                bucket = (bucket + 1) & mask
            }
        }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
        buckets[bucket] = Int32(index + 1)
    }

    private mutating func grow() {
        buckets = Array(repeating: 0, count: buckets.count * 2)
        for index in entries.indices { place(index, hash: entries[index].hash) }
    }

    /// Drawn per process, so that which keys of a file collide cannot be planned.
    private static let seed = UInt64.random(in: 0...UInt64.max)

    /// FNV-1a from a seeded basis: short keys, no setup.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
