import Foundation

/// Runs an importer on a thread of its own and hands its records, in batches and
/// in order, to a sink on the calling thread: parsing and building items then
/// use two cores. Memory stays bounded: at most ``depth`` batches are in flight,
/// and batches are reused.
///
/// Records, rejections, reports and notes keep their order, so the sink sees
/// exactly the calls it would have seen from the importer directly.
final class RecordPipe: InPlaceRecordSink, @unchecked Sendable {
    // Unchecked: `filling` and `sawRecord` belong to the importer's thread; batches change
    // hands through `handOver` only.

    private enum Event {
        case record(Stored)
        // Boxed: a finding is large and rare, and every event is as large as the largest case.
        indirect case reject(Finding)
        indirect case report(Finding)
        case note(String)
    }

    /// A record in a batch: its values are ranges of the batch's bytes, its slots ranges of the
    /// batch's values, as in a ``Record`` whose storage holds the whole batch. Kept small: batches
    /// hold thousands of records, and the deeper the queue, the longer each thread runs on.
    /// Strings stay out of it: a string shared by every record would have its reference count
    /// bumped by two threads at once, record after record.
    private struct Stored {
        var line: Int
        var record: Int
        /// With `moved`, the record's slots are the batch's `pattern` moved to this value; else
        /// they are `slotCount` ranges of the batch's `slots` from this index.
        var slotsAt: Int
        /// Index of the record's ``Extra`` in the batch, or -1.
        var extra: Int32
        var moved: Bool
    }

    /// What few records carry: the file name (on a file's first record), a column, a pointer,
    /// an object key, slots whose values are a list.
    private struct Extra {
        var file: String?
        var column: Int?
        var pointer: String?
        var sheet: String?
        var key: String?
        var listSlots: Range<Int>
    }

    private final class Batch {
        // The importer's thread writes one batch while the sink's reads another.
        private let paddingBefore = CacheLinePadding()
        var events: [Event] = []
        var bytes: [UInt8] = []
        var values: [FieldValue] = []
        var slots: [Range<Int>] = []
        /// The slots of the records kept in place, counted from each record's first value.
        var pattern: [Range<Int>] = []
        var extras: [Extra] = []
        var listSlots: [Bool] = []
        private let paddingAfter = CacheLinePadding()

        func clear() {
            events.removeAll(keepingCapacity: true)
            bytes.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            slots.removeAll(keepingCapacity: true)
            pattern = []
            extras.removeAll(keepingCapacity: true)
            listSlots.removeAll(keepingCapacity: true)
        }
    }

    /// Batches in flight at most, and when a batch is handed over. About 10,000 rows of a
    /// spreadsheet, some milliseconds of work: enough for either thread to go on while the
    /// other waits for a core (three threads often share two), at about 5 MB.
    static let depth = 40
    static let batchRecords = 256
    static let batchBytes = 1 << 17

    private let handOver = HandOver<Batch>(depth: RecordPipe.depth) { Batch() }
    private var filling = Batch()
    /// Whether a record was stored yet (the importer's thread).
    private var sawRecord = false
    /// Records accepted in place whose storage is still the importer's.
    private var waitingInPlace = 0
    private let slotCount: Int

    private init(slotCount: Int) {
        self.slotCount = slotCount
    }

    /// Reads `importer` on another thread into `sink` on this one; returns when both are done.
    ///
    /// - Throws: what the importer's `read` threw, after the sink has seen every record before it.
    static func run(_ importer: any RecordImporter, slotCount: Int, into sink: any RecordSink) throws {
        let pipe = RecordPipe(slotCount: slotCount)
        let box = ImporterBox(importer)
        let thread = Thread {
            do { try box.importer.read(into: pipe) } catch { box.error = error }
            pipe.finish()
        }
        thread.stackSize = 16 << 20
        thread.start()
        pipe.drain(into: sink, slotCount: slotCount)
        if let error = box.error { throw error }
    }

    // MARK: The importer's side

    func accept(_ record: borrowing Record) {
        precondition(waitingInPlace == 0, "a batch holds records copied or in place, not both")
        let batch = filling
        let bytes = batch.bytes.count
        let values = batch.values.count
        record.bytes.withUnsafeBufferPointer { batch.bytes.append(contentsOf: $0) }
        // Values are stored rebased onto the batch's storage, which the sink's side then lends as it is.
        record.values.withUnsafeBufferPointer { batch.values.append(contentsOf: $0) }
        batch.values.withUnsafeMutableBufferPointer { stored in
            for index in values..<stored.count { stored[index].start += bytes }
        }
        store(record, slotsFrom: values, pattern: false)
        sendIfFull()
    }

    func acceptInPlace(_ record: borrowing Record, valuesFrom base: Int) {
        precondition(filling.bytes.isEmpty, "a batch holds records copied or in place, not both")
        let batch = filling
        if batch.pattern.isEmpty { batch.pattern = record.slots }
        // The same array as the pattern (an importer keeps one), or at least the same ranges.
        let pattern = batch.pattern.withUnsafeBufferPointer { $0.baseAddress }
        let same =
            record.slots.count == batch.pattern.count
            && (record.slots.withUnsafeBufferPointer { $0.baseAddress } == pattern || record.slots == batch.pattern)
        store(record, slotsFrom: base, pattern: same)
        waitingInPlace += 1
    }

    func takeStorage(of record: inout Record, onlyIfFull: Bool) -> Bool {
        guard waitingInPlace > 0 else { return false }
        if onlyIfFull, !isFull(bytes: record.bytes.count) { return false }
        // The batch's storage is empty (it was taken before, or the batch was cleared): the importer goes on in it.
        swap(&record.bytes, &filling.bytes)
        swap(&record.values, &filling.values)
        record.key = nil
        waitingInPlace = 0
        send()
        return true
    }

    /// Appends a record's event to the filling batch; its slots count from value `base` of the
    /// batch: as the pattern's, or copied.
    private func store(_ record: borrowing Record, slotsFrom base: Int, pattern: Bool) {
        let batch = filling
        var slotsAt = base
        if !pattern {
            slotsAt = batch.slots.count
            for index in 0..<slotCount {
                let slot = index < record.slots.count ? record.slots[index] : 0..<0
                batch.slots.append(slot.isEmpty ? 0..<0 : (slot.lowerBound + base)..<(slot.upperBound + base))
            }
        }
        var extra = Extra(
            file: nil, column: record.location.column, pointer: record.location.pointer, sheet: record.location.sheet,
            key: record.key,
            listSlots: 0..<0)
        if record.listSlots.count == slotCount, record.listSlots.contains(true) {
            let lists = batch.listSlots.count
            record.listSlots.withUnsafeBufferPointer { batch.listSlots.append(contentsOf: $0) }
            extra.listSlots = lists..<batch.listSlots.count
        }
        // One importer reads one file: its name is stored with the first record only.
        if !sawRecord {
            sawRecord = true
            extra.file = record.location.file
        }
        var index: Int32 = -1
        if extra.file != nil || extra.column != nil || extra.pointer != nil || extra.sheet != nil || extra.key != nil
            || !extra.listSlots.isEmpty
        {
            index = Int32(batch.extras.count)
            batch.extras.append(extra)
        }
        batch.events.append(
            .record(
                Stored(
                    line: record.location.line, record: record.location.record, slotsAt: slotsAt, extra: index,
                    moved: pattern)))
    }

    func reject(_ finding: Finding) {
        filling.events.append(.reject(finding))
        sendIfFull()
    }

    func report(_ finding: Finding) {
        filling.events.append(.report(finding))
        sendIfFull()
    }

    func note(_ message: String) {
        filling.events.append(.note(message))
        sendIfFull()
    }

    /// Hands the filling batch over when full, whatever filled it (an input whose rows are all
    /// rejected must not pile up its findings either). With records kept in place, the storage is
    /// the importer's: its next `takeStorage` hands the batch over.
    private func sendIfFull() {
        if waitingInPlace == 0, isFull(bytes: filling.bytes.count) { send() }
    }

    /// Whether the filling batch, with `bytes` bytes of records, is to be handed over.
    private func isFull(bytes: Int) -> Bool {
        filling.events.count >= Self.batchRecords || bytes >= Self.batchBytes
    }

    private func send() {
        handOver.send(filling)
        filling = handOver.emptyBatch()
    }

    private func finish() {
        precondition(waitingInPlace == 0, "records accepted in place were never handed over")
        if !filling.events.isEmpty { send() }
        handOver.finish()
    }

    // MARK: The sink's side

    private func drain(into sink: any RecordSink, slotCount: Int) {
        var record = Record(file: "", slotCount: slotCount)
        while let batch = handOver.next() {
            // The record lends the batch's storage (no copy): its slots select its own values.
            record.bytes = batch.bytes
            record.values = batch.values
            // Read once per batch: a class's array read per record costs a reference count each time.
            let pattern = batch.pattern
            let copiedSlots = batch.slots
            let extras = batch.extras
            for event in batch.events {
                switch event {
                case .record(let stored):
                    var lists = 0..<0
                    if stored.extra >= 0 {
                        let extra = extras[Int(stored.extra)]
                        if let file = extra.file { record.location.file = file }
                        record.location.column = extra.column
                        record.location.pointer = extra.pointer
                        record.location.sheet = extra.sheet
                        record.key = extra.key
                        lists = extra.listSlots
                    } else {
                        record.location.column = nil
                        record.location.pointer = nil
                        record.location.sheet = nil
                        record.key = nil
                    }
                    record.location.line = stored.line
                    record.location.record = stored.record
                    if stored.moved {
                        pattern.withUnsafeBufferPointer {
                            Self.setSlots(of: &record, from: $0, at: 0, plus: stored.slotsAt)
                        }
                    } else {
                        copiedSlots.withUnsafeBufferPointer {
                            Self.setSlots(of: &record, from: $0, at: stored.slotsAt, plus: 0)
                        }
                    }
                    if lists.isEmpty {
                        if !record.listSlots.isEmpty { record.listSlots.removeAll(keepingCapacity: true) }
                    } else {
                        record.listSlots.removeAll(keepingCapacity: true)
                        record.listSlots.append(contentsOf: batch.listSlots[lists])
                    }
                    sink.accept(record)
                case .reject(let finding): sink.reject(finding)
                case .report(let finding): sink.report(finding)
                case .note(let message): sink.note(message)
                }
            }
            // The batch's storage must be the batch's alone again before the importer refills it.
            record.bytes = []
            record.values = []
            batch.clear()
            handOver.recycle(batch)
        }
    }
}

extension RecordPipe {
    /// Sets every slot of `record` from `slots`, starting at `first`, each moved by `shift` values.
    @inline(__always)
    fileprivate static func setSlots(
        of record: inout Record, from slots: UnsafeBufferPointer<Range<Int>>, at first: Int, plus shift: Int
    ) {
        let slotCount = record.slots.count
        record.slots.withUnsafeMutableBufferPointer { target in
            let given = max(0, min(slotCount, slots.count - first))
            for index in 0..<given {
                let slot = slots[first + index]
                target[index] = slot.isEmpty ? slot : (slot.lowerBound + shift)..<(slot.upperBound + shift)
            }
            for index in given..<slotCount { target[index] = 0..<0 }
        }
    }
}

/// The importer and its outcome, handed to the importer's thread and back after it has ended.
private final class ImporterBox: @unchecked Sendable {
    let importer: any RecordImporter
    var error: (any Error)?

    init(_ importer: any RecordImporter) {
        self.importer = importer
    }
}
