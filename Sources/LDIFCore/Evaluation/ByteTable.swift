import Foundation

/// A value map or lookup table keyed by UTF-8 bytes, so that the byte path finds
/// a value without making a string: open addressing over one flat byte store.
///
/// Byte equality implies string equality, so a hit is always right. A miss on
/// ASCII text is a real miss too; a miss on other text may still be a hit for
/// Swift's string comparison (canonically equivalent forms), so the caller
/// leaves such a miss to the general path.
struct ByteTable {
    private struct Entry {
        var hash: UInt64
        var keyStart: Int32
        var keyCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    private var store: [UInt8] = []
    private var entries: [Entry] = []
    /// Entry index + 1 per bucket, 0 for an empty bucket; a power of two long.
    private var buckets: [Int32]
    /// The `"*"` answer of a value map, as a range of `store`.
    private var fallback: Range<Int>?

    init(_ pairs: [String: String], fallback: String? = nil) {
        var size = 8
        while size < pairs.count * 2 { size <<= 1 }
        buckets = Array(repeating: 0, count: size)
        // Sorted, so that the table is laid out the same in every run.
        for (key, value) in pairs.sorted(by: { $0.key < $1.key }) {
            let keyStart = store.count
            store.append(contentsOf: key.utf8)
            let valueStart = store.count
            store.append(contentsOf: value.utf8)
            let hash = store.withUnsafeBufferPointer {
                Self.hash(UnsafeBufferPointer(rebasing: $0[keyStart..<valueStart]))
            }
            entries.append(
                Entry(
                    hash: hash, keyStart: Int32(keyStart), keyCount: Int32(valueStart - keyStart),
                    valueStart: Int32(valueStart), valueCount: Int32(store.count - valueStart)))
            var bucket = Int(truncatingIfNeeded: hash) & (size - 1)
            while buckets[bucket] != 0 { bucket = (bucket + 1) & (size - 1) }
            buckets[bucket] = Int32(entries.count)
        }
        if let fallback {
            let start = store.count
            store.append(contentsOf: fallback.utf8)
            self.fallback = start..<store.count
        }
    }

    /// Replaces `bytes` with the value for the key `bytes` holds (or the `"*"` answer); false on a miss.
    func replace(_ bytes: inout [UInt8]) -> Bool {
        guard let range = bytes.withUnsafeBufferPointer({ find($0) }) ?? fallback else { return false }
        bytes.removeAll(keepingCapacity: true)
        store.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
        return true
    }

    /// The range of the value stored for `key`, nil when the key is not in the table.
    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let hash = Self.hash(key)
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        return store.withUnsafeBufferPointer { store in
            while true {
                let slot = Int(buckets[bucket])
                if slot == 0 { return nil }
                let entry = entries[slot - 1]
                if entry.hash == hash, Int(entry.keyCount) == key.count {
                    let start = Int(entry.keyStart)
                    let stored = UnsafeBufferPointer(rebasing: store[start..<(start + key.count)])
                    if key.count == 0 || memcmp(stored.baseAddress!, key.baseAddress!, key.count) == 0 {
                        return Int(entry.valueStart)..<Int(entry.valueStart + entry.valueCount)
                    }
                }
                bucket = (bucket + 1) & mask
            }
        }
    }

    /// FNV-1a: short keys, no setup.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
