/// One value of a field in a record: a byte range in the record's storage and a kind.
///
/// CSV gives exactly one string per column; XML and JSON give zero, one or
/// several values per field path, and JSON keeps the type it read.
public struct FieldValue: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        /// UTF-8 text, unescaped.
        case string
        /// A JSON number, written with the digits it came with.
        case number
        /// `true` or `false` (the bytes spell it).
        case bool
        /// JSON `null` (no bytes).
        case null
        /// A JSON object or array, as valid compact JSON text.
        case json
    }

    public var kind: Kind
    public var start: Int
    public var count: Int

    /// Whether the value is empty as `data` sees it: no text, JSON null, or an empty JSON array.
    @inlinable
    public func isEmpty(in bytes: [UInt8]) -> Bool {
        count == 0 || kind == .null || (kind == .json && count == 2 && bytes[start] == UInt8(ascii: "["))
    }

    @inlinable
    public init(kind: Kind, start: Int, count: Int) {
        self.kind = kind
        self.start = start
        self.count = count
    }
}

/// A record read from an input: reusable storage of field values, grouped into slots.
///
/// A slot is one field path of the mapping plan (slot `i` answers the plan's
/// path `i`). Importers fill the storage in place and hand the record to a
/// ``RecordSink``; the storage is reused for the next record, so a record is
/// never kept past the call that receives it.
public struct Record: Sendable {
    public var location: SourceLocation
    /// UTF-8 bytes of every value of this record.
    public var bytes: [UInt8]
    /// Every value of this record, indexes into `bytes`.
    public var values: [FieldValue]
    /// For each slot, the range of `values` that answers it.
    public var slots: [Range<Int>]
    /// The object key of this record, when records are the values of an object (`$key`).
    public var key: String?
    /// Slots whose values are a list even when there is only one (a JSON path with `*`).
    public var listSlots: [Bool]

    public init(file: String, slotCount: Int) {
        location = SourceLocation(file: file, line: 0)
        bytes = []
        bytes.reserveCapacity(4096)
        values = []
        slots = Array(repeating: 0..<0, count: slotCount)
        listSlots = Array(repeating: false, count: slotCount)
        key = nil
    }

    /// Drops the values of the previous record, keeping the storage's capacity.
    @inlinable
    public mutating func clearValues() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        key = nil
    }

    /// Appends a value and returns its index in `values`.
    @inlinable
    @discardableResult
    public mutating func append(_ kind: FieldValue.Kind, _ buffer: UnsafeRawBufferPointer) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: buffer)
        values.append(FieldValue(kind: kind, start: start, count: buffer.count))
        return values.count - 1
    }

    /// Appends a value from a byte collection and returns its index in `values`.
    @inlinable
    @discardableResult
    public mutating func append<C: Collection>(_ kind: FieldValue.Kind, bytes source: C) -> Int
    where C.Element == UInt8 {
        let start = bytes.count
        bytes.append(contentsOf: source)
        values.append(FieldValue(kind: kind, start: start, count: bytes.count - start))
        return values.count - 1
    }

    /// Appends `count` values that came in document order, laid out slot by slot (document order
    /// kept within a slot), and sets every slot's range. `slotOf(i)` and `valueAt(i)` give value
    /// `i`; `counts` is working storage, one entry per slot (XML and JSON importers share this).
    @inlinable
    public mutating func layOut(
        _ count: Int, counts: inout [Int], slotOf: (Int) -> Int, valueAt: (Int) -> FieldValue
    ) {
        for index in counts.indices { counts[index] = 0 }
        for index in 0..<count { counts[slotOf(index)] += 1 }
        var next = values.count
        for slot in counts.indices {
            slots[slot] = next..<(next + counts[slot])
            counts[slot] = next
            next += slots[slot].count
        }
        values.append(contentsOf: repeatElement(FieldValue(kind: .string, start: 0, count: 0), count: count))
        for index in 0..<count {
            let slot = slotOf(index)
            values[counts[slot]] = valueAt(index)
            counts[slot] += 1
        }
    }

    /// The values of slot `slot`.
    @inlinable
    public func values(inSlot slot: Int) -> ArraySlice<FieldValue> {
        values[slots[slot]]
    }

    /// The text of one value (for messages and slow paths; the hot path works on bytes).
    public func text(of value: FieldValue) -> String {
        if value.kind == .null { return "" }
        return String(decoding: bytes[value.start..<(value.start + value.count)], as: UTF8.self)
    }
}
