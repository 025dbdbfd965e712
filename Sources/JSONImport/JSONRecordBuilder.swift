import LDIFCore

/// Gathers the field values of one JSON record while its tokens stream by.
///
/// Scalars are appended to `record.bytes` as they are read (strings
/// unescaped, numbers with their digits as written). An object or array
/// matched as a whole is written compact into a scratch buffer of its own
/// (several can be open, one inside another) and appended when it closes.
/// Values are laid out slot by slot at the end, in document order within a slot.
struct JSONRecordBuilder {
    struct Problem {
        var code: String
        var message: String
        var pointer: String?
        var field: String?
    }

    private struct Pending {
        var slot: Int32
        var kind: FieldValue.Kind
        var start: Int
        var count: Int
    }

    private struct Collector {
        var slot: Int32
        var depth: Int
    }

    private(set) var record: Record
    private(set) var problem: Problem?
    let fields: [String]
    let fieldLimit: Int
    let recordLimit: Int
    private var pending: [Pending] = []
    private var collectors: [Collector] = []
    private var scratches: [[UInt8]] = []
    private var scratchBytes = 0
    private var valueStart = 0
    private var valueSlot: Int32 = 0
    private var slotCounts: [Int]

    init(file: String, fields: [String], listSlots: [Bool], fieldLimit: Int, recordLimit: Int) {
        record = Record(file: file, slotCount: fields.count)
        record.listSlots = listSlots.count == fields.count ? listSlots : Array(repeating: false, count: fields.count)
        self.fields = fields
        self.fieldLimit = fieldLimit
        self.recordLimit = recordLimit
        slotCounts = Array(repeating: 0, count: fields.count)
    }

    /// Whether values are still being gathered (false once the record is rejected).
    var isCollecting: Bool { problem == nil }

    /// Whether raw JSON text is being gathered for some object or array.
    @inline(__always)
    var isCollectingJSON: Bool { !collectors.isEmpty && problem == nil }

    /// Starts a new record, keeping the storage of the last one.
    mutating func begin(_ location: SourceLocation, key: String?) {
        record.clearValues()
        record.location = location
        record.key = key
        problem = nil
        pending.removeAll(keepingCapacity: true)
        collectors.removeAll(keepingCapacity: true)
        scratchBytes = 0
    }

    /// Rejects the record (the first problem is the one reported); gathering stops.
    mutating func fail(_ problem: Problem) {
        if self.problem == nil { self.problem = problem }
    }

    // MARK: Scalars

    /// A scalar value for `slot` (and maybe others) starts at the end of `record.bytes`.
    @inline(__always)
    mutating func startValue(slot: Int32) {
        valueStart = record.bytes.count
        valueSlot = slot
    }

    /// Bytes of the scalar value being read.
    @inline(__always)
    mutating func appendValue(_ bytes: UnsafePointer<UInt8>, count: Int) {
        guard problem == nil else { return }
        record.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        if record.bytes.count - valueStart > fieldLimit || record.bytes.count > recordLimit { checkLimits() }
    }

    /// One byte of the scalar value being read (an unescaped character).
    @inline(__always)
    mutating func appendValue(byte: UInt8) {
        guard problem == nil else { return }
        record.bytes.append(byte)
    }

    /// The scalar value started by ``startValue()`` is complete and answers `slot`.
    @inline(__always)
    mutating func addValue(slot: Int32, kind: FieldValue.Kind) {
        pending.append(Pending(slot: slot, kind: kind, start: valueStart, count: record.bytes.count - valueStart))
    }

    // MARK: Objects and arrays as JSON text

    /// An object or array at `depth` answers `slot` as compact JSON text.
    mutating func openCollector(slot: Int32, depth: Int) {
        if scratches.count <= collectors.count { scratches.append([]) }
        scratches[collectors.count].removeAll(keepingCapacity: true)
        collectors.append(Collector(slot: slot, depth: depth))
    }

    /// JSON text for every open object or array being gathered.
    @inline(__always)
    mutating func appendRaw(_ bytes: UnsafePointer<UInt8>, count: Int) {
        guard problem == nil else { return }
        for index in collectors.indices {
            scratches[index].append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }
        scratchBytes += count * collectors.count
        if record.bytes.count + scratchBytes > recordLimit { checkLimits() }
    }

    /// One byte of JSON text (a bracket, a comma, a colon).
    @inline(__always)
    mutating func appendRaw(byte: UInt8) {
        guard problem == nil else { return }
        for index in collectors.indices {
            scratches[index].append(byte)
        }
        scratchBytes += collectors.count
    }

    /// The object or array at `depth` closed: its text becomes a value.
    mutating func closeCollectors(depth: Int) {
        while let last = collectors.last, last.depth == depth {
            let index = collectors.count - 1
            collectors.removeLast()
            guard problem == nil else { continue }
            let start = record.bytes.count
            record.bytes.append(contentsOf: scratches[index])
            scratchBytes -= scratches[index].count
            pending.append(Pending(slot: last.slot, kind: .json, start: start, count: scratches[index].count))
            if scratches[index].count > fieldLimit { fieldTooLong(slot: last.slot, count: scratches[index].count) }
        }
    }

    // MARK: Limits

    private mutating func checkLimits() {
        guard problem == nil else { return }
        if record.bytes.count - valueStart > fieldLimit {
            fieldTooLong(slot: valueSlot, count: record.bytes.count - valueStart)
        } else if record.bytes.count + scratchBytes > recordLimit {
            problem = Problem(
                code: "record-too-large",
                message: "the record's values pass \(recordLimit) bytes; the record was skipped"
                    + " (map fewer or smaller parts of it)")
        }
    }

    private mutating func fieldTooLong(slot: Int32, count: Int) {
        let field = fields[Int(slot)]
        fail(
            Problem(
                code: "field-too-long",
                message:
                    "the value of \(field) has \(count > fieldLimit ? "more than \(fieldLimit)" : "\(count)") bytes,"
                    + " more than the limit of \(fieldLimit) (raise --max-field-bytes if such values are expected)",
                field: field))
    }

    // MARK: Finishing

    /// The first field path without `*` that matched more than one value: only an object that holds a key
    /// twice gives that. Nil when there is none.
    func repeatedField() -> (field: String, count: Int)? {
        for (slot, range) in record.slots.enumerated() where range.count > 1 && !record.listSlots[slot] {
            return (fields[slot], range.count)
        }
        return nil
    }

    /// Lays out the values slot by slot, in document order within a slot.
    mutating func finish() {
        record.layOut(
            pending.count, counts: &slotCounts, slotOf: { Int(pending[$0].slot) },
            valueAt: {
                FieldValue(kind: pending[$0].kind, start: pending[$0].start, count: pending[$0].count)
            })
    }
}
