import Foundation
import Synchronization

/// The second half of a conversion, on a thread of its own: takes the items the
/// builder made, in batches and in record order, and does everything that must
/// happen once per item in order: findings, the duplicate check, the record
/// ledger, and the chunk files (written and hashed). The builder's thread only
/// builds items meanwhile, so that building and writing use two cores.
///
/// At most ``depth`` batches are in flight and batches are reused: memory stays bounded.
final class ItemEmitter: @unchecked Sendable {
    // Unchecked: the state below `handOver` belongs to the emitter's thread while it runs;
    // batches change hands through `handOver` only; the builder's thread reads the results
    // only after ``finish()`` has joined the thread.

    enum Event {
        /// A record's findings and items: ranges of the batch's `findings` and `items`. Its location
        /// is in the file of the last ``reading(_:)``; the file name is not repeated per record (a
        /// string shared across threads costs a contended reference count each time it is copied).
        case record(
            ordinal: Int, line: Int, record: Int, pointer: String?, sheet: String?, findings: Range<Int>,
            items: Range<Int>)
        /// The records that follow come from this file.
        case reading(String)
        /// A record the importer rejected: the finding at this index of `findings`.
        case reject(ordinal: Int, finding: Int)
        /// A finding that rejects no record.
        case report(finding: Int)
        /// The first pass starts reading a file: its first record's ordinal and its name.
        case file(base: Int, name: String)
        /// A note for the user, kept in order with the findings.
        case note(String)
    }

    final class Batch {
        // The builder's thread writes one batch while the emitter's reads another.
        private let paddingBefore = CacheLinePadding()
        var phase = 1
        var events: [Event] = []
        var json: [UInt8] = []
        var keys: [UInt8] = []
        var items: [ItemBuilder.Item] = []
        var findings: [Finding] = []
        private let paddingAfter = CacheLinePadding()

        func clear() {
            events.removeAll(keepingCapacity: true)
            json.removeAll(keepingCapacity: true)
            keys.removeAll(keepingCapacity: true)
            items.removeAll(keepingCapacity: true)
            findings.removeAll(keepingCapacity: true)
        }

    }

    static let depth = 8
    /// When the builder hands its items over: this many events, or this many bytes of JSON.
    static let batchEvents = 512
    static let batchBytes = 1 << 20

    private let handOver = HandOver<Batch>(depth: ItemEmitter.depth) { Batch() }
    private let stopped = Atomic<Bool>(false)
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)

    // The emitter thread's state.
    let reporter: FindingReporter
    let sink: (any ItemSink)?
    let duplicatePolicy: MappingPlan.DuplicatePolicy
    private(set) var ledger = RecordLedger()
    private(set) var itemsEmitted = 0
    private(set) var itemsRejected = 0
    /// The location of the record being emitted, changed field by field.
    private var location = SourceLocation(file: "", line: 0)
    private var fileBases: [Int] = []
    private var fileNames: [String] = []
    private var failure: ConversionError?
    /// The duplicate check, when it runs on this thread.
    private var duplicateCheck: DuplicateCheck?

    let notes: (String) -> Void
    private var joined = false

    init(
        reporter: FindingReporter, sink: (any ItemSink)?, duplicates: MappingPlan.DuplicatePolicy,
        duplicateCheck: DuplicateCheck? = nil, notes: @escaping (String) -> Void
    ) {
        self.reporter = reporter
        self.sink = sink
        self.duplicatePolicy = duplicates
        self.duplicateCheck = duplicateCheck
        self.notes = notes
        let thread = Thread { [self] in
            while let batch = handOver.next() { emit(batch) }
            done.signal()
        }
        thread.stackSize = 4 << 20
        self.thread = thread
        thread.start()
    }

    // MARK: The builder's side

    /// An empty batch to fill.
    func emptyBatch() -> Batch {
        handOver.emptyBatch()
    }

    /// Hands a filled batch over; waits while ``depth`` batches are in flight.
    func send(_ batch: Batch) {
        handOver.send(batch)
    }

    /// Whether the emitter stopped on a fatal error (a write failed, a duplicate under `duplicates: error`).
    var hasStopped: Bool {
        stopped.load(ordering: .acquiring)
    }

    /// Waits until every batch sent has been emitted; returns the fatal error, if one stopped the emitter.
    func finish() -> ConversionError? {
        if !joined {
            joined = true
            handOver.finish()
            done.wait()
        }
        return failure
    }

    // MARK: The emitter's side

    private func emit(_ batch: Batch) {
        if failure == nil { emitEvents(of: batch) }
        batch.clear()
        if failure != nil { stopped.store(true, ordering: .releasing) }
        handOver.recycle(batch)
    }

    /// Emits a batch's events in order. Its arrays are read once here, not once per item (each
    /// read of a class's array costs a reference count), and let go before the batch is cleared.
    private func emitEvents(of batch: Batch) {
        duplicateCheck?.mark(&batch.items, keys: batch.keys, events: batch.events)
        let json = batch.json
        let keys = batch.keys
        let items = batch.items
        let findings = batch.findings
        for event in batch.events {
            switch event {
            case .record(let ordinal, let line, let record, let pointer, let sheet, let found, let made):
                location.line = line
                location.record = record
                location.pointer = pointer
                location.sheet = sheet
                emitRecord(
                    ordinal: ordinal, findings: findings[found], items: items[made], json: json, keys: keys,
                    phase: batch.phase)
            case .reading(let file):
                location.file = file
            case .reject(let ordinal, let finding):
                reporter.add(findings[finding])
                ledger.markFailed(ordinal)
            case .report(let finding):
                reporter.add(findings[finding])
            case .file(let base, let name):
                fileBases.append(base)
                fileNames.append(name)
            case .note(let message):
                notes(message)
            }
            if failure != nil { break }
        }
        if failure == nil {
            do { try sink?.endBatch() } catch { failure = error }
        }
    }

    private func emitRecord(
        ordinal: Int, findings: ArraySlice<Finding>, items: ArraySlice<ItemBuilder.Item>, json: [UInt8],
        keys: [UInt8], phase: Int
    ) {
        var failed = false
        for finding in findings {
            reporter.add(finding)
            if finding.severity == .error {
                failed = true
                if finding.itemId != nil || finding.code == "empty-id" { itemsRejected += 1 }
            }
        }
        var emitted = false
        for item in items {
            if item.duplicateOf >= 0 {
                failed = true
                reportDuplicate(item, keys: keys, location, firstOrdinal: item.duplicateOf)
                if failure != nil { return }
                continue
            }
            do {
                if let warning = try sink?.add(item, json: json, keys: keys, phase: phase, location: location) {
                    reporter.add(warning)
                }
            } catch {
                failure = error
                return
            }
            itemsEmitted += 1
            emitted = true
        }
        if emitted { ledger.markEmitted(ordinal) }
        if failed { ledger.markFailed(ordinal) }
    }

    private func reportDuplicate(
        _ item: ItemBuilder.Item, keys: [UInt8], _ location: SourceLocation, firstOrdinal: Int
    ) {
        itemsRejected += 1
        let first = describe(ordinal: firstOrdinal)
        let type = String(decoding: keys[item.type], as: UTF8.self)
        let id = String(decoding: keys[item.id], as: UTF8.self)
        let message = "duplicate \(type) '\(id)': the first came from \(first); this one is not emitted"
        if duplicatePolicy == .error {
            failure = ConversionError(
                .input, "\(location.description): \(message) (the mapping says duplicates: error)")
            return
        }
        reporter.add(
            Finding(
                .error, .mapping, code: "duplicate", message: message, location: location, rule: item.rule,
                itemType: type, itemId: id))
    }

    /// `apps.csv record 12` for a record ordinal.
    private func describe(ordinal: Int) -> String {
        let index = fileBases.lastIndex { $0 <= ordinal } ?? 0
        guard index < fileNames.count else { return "record \(ordinal + 1)" }
        return "\(fileNames[index]) record \(ordinal - fileBases[index] + 1)"
    }
}
