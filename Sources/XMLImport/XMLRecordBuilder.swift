import LDIFCore

/// Gathers the field values of one XML record while its nodes stream by.
///
/// Text of a matched element goes straight into `record.bytes`; an element
/// inside another matched element shares its bytes (values are ranges, and
/// nested ranges may overlap), so nothing is copied twice. Attribute values
/// read while some element's text is being gathered go to a side buffer,
/// appended at the end, so that they do not land inside that text.
///
/// Whitespace: whitespace-only text in an element that holds child elements
/// and no other text is indentation, and dropped; in a leaf element (or in
/// mixed content) all text is kept exactly as written, including text that
/// is only whitespace. CDATA is always kept.
struct XMLRecordBuilder {
    struct Problem {
        var code: String
        var message: String
        var field: String?
    }

    private struct Frame {
        var node: Int32
        /// `record.bytes.count` when the element started: where its text begins.
        var mark: Int
        var hasText = false
        var hasChild = false
    }

    private struct PendingValue {
        var slot: Int32
        var start: Int
        var count: Int
        var deferred: Bool
    }

    private(set) var record: Record
    private(set) var problem: Problem?
    private let plan: XMLPlan
    private var frames: [Frame] = []
    private var pending: [PendingValue] = []
    private var deferred: [UInt8] = []
    private var openCollectors = 0
    private var slotCounts: [Int]

    init(plan: XMLPlan, file: String) {
        self.plan = plan
        record = Record(file: file, slotCount: plan.slotCount)
        slotCounts = Array(repeating: 0, count: plan.slotCount)
    }

    /// The number of elements open in this record, the record element included.
    var depth: Int { frames.count }

    /// Whether text arriving now belongs to some value.
    var isCollecting: Bool { openCollectors > 0 && problem == nil }

    /// The bytes this record holds so far.
    var size: Int { record.bytes.count + deferred.count }

    /// Starts a new record, keeping the storage of the last one.
    mutating func begin(_ location: SourceLocation) {
        record.clearValues()
        record.location = location
        problem = nil
        frames.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        deferred.removeAll(keepingCapacity: true)
        openCollectors = 0
    }

    /// Marks that the current element has a child element (one that a nested record took).
    mutating func noteChildElement() {
        guard let last = frames.indices.last, !frames[last].hasChild else { return }
        frames[last].hasChild = true
        // Everything since the element started is whitespace: it was indentation.
        if !frames[last].hasText && isCollecting {
            record.bytes.removeSubrange(frames[last].mark...)
        }
    }

    /// An element starts inside this record (the first one is the record element).
    mutating func enterElement(named name: Int32, reader: XMLTextReader, lookup: XMLNameLookup) {
        let node: Int32
        if let parent = frames.last {
            noteChildElement()
            node = plan.trie.child(of: parent.node, named: name)
        } else {
            node = 0
        }
        guard node != XMLPathTrie.none else {
            frames.append(Frame(node: node, mark: record.bytes.count))
            return
        }
        let entry = plan.trie.nodes[Int(node)]
        if entry.attributeCount > 0 { readAttributes(of: entry, reader: reader, lookup: lookup) }
        frames.append(Frame(node: node, mark: record.bytes.count))
        if entry.slotCount > 0 { openCollectors += 1 }
    }

    private mutating func readAttributes(of node: XMLPathTrie.Node, reader: XMLTextReader, lookup: XMLNameLookup) {
        let wanted = Int(node.attributeStart)..<Int(node.attributeStart + node.attributeCount)
        let aside = openCollectors > 0
        reader.forEachAttribute { namePointer, value in
            let name = lookup.id(of: namePointer)
            for index in wanted where plan.trie.attributes[index].name == name {
                let attribute = plan.trie.attributes[index]
                if aside {
                    pending.append(
                        PendingValue(slot: attribute.slot, start: deferred.count, count: value.count, deferred: true))
                    deferred.append(contentsOf: value)
                } else {
                    pending.append(
                        PendingValue(
                            slot: attribute.slot, start: record.bytes.count, count: value.count, deferred: false))
                    record.bytes.append(contentsOf: value)
                }
                checkSize(of: Int(attribute.slot), count: value.count)
            }
        }
    }

    /// The current element ends.
    mutating func leaveElement() {
        let frame = frames.removeLast()
        guard frame.node != XMLPathTrie.none else { return }
        let entry = plan.trie.nodes[Int(frame.node)]
        guard entry.slotCount > 0 else { return }
        openCollectors -= 1
        let count = record.bytes.count - frame.mark
        for index in Int(entry.slotStart)..<Int(entry.slotStart + entry.slotCount) {
            let slot = plan.trie.slots[index]
            pending.append(PendingValue(slot: slot, start: frame.mark, count: count, deferred: false))
            checkSize(of: Int(slot), count: count)
        }
    }

    /// Text, CDATA or whitespace of the current element.
    @inline(__always)
    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>, isWhitespace: Bool) {
        let last = frames.count - 1
        if isWhitespace {
            // Indentation between child elements is not data.
            if frames[last].hasChild && !frames[last].hasText { return }
        } else {
            frames[last].hasText = true
        }
        guard isCollecting else { return }
        record.bytes.append(contentsOf: text)
        if record.bytes.count > plan.recordLimit { checkRecordSize() }
    }

    /// The replacement text of an entity reference in the current element.
    mutating func appendEntity(from reader: XMLTextReader) -> XMLTextReader.EntityText {
        frames[frames.count - 1].hasText = true
        guard isCollecting else { return .expanded }
        let budget = plan.recordLimit - size + 1
        let outcome = reader.appendEntityText(to: &record.bytes, budget: budget)
        checkRecordSize()
        return outcome
    }

    private mutating func checkSize(of slot: Int, count: Int) {
        if count > plan.fieldLimit, problem == nil {
            problem = Problem(
                code: "field-too-long",
                message:
                    "the value of \(plan.fields[slot]) has \(count) bytes, more than the limit of \(plan.fieldLimit)"
                    + " (raise --max-field-bytes if such values are expected)",
                field: plan.fields[slot])
        }
        checkRecordSize()
    }

    private mutating func checkRecordSize() {
        if size > plan.recordLimit, problem == nil {
            problem = Problem(
                code: "record-too-large",
                message: "the record's values pass \(plan.recordLimit) bytes; the record was skipped"
                    + " (map fewer or smaller parts of it, or split the document)")
        }
    }

    /// Marks the record rejected (an entity over budget, a nested record too large).
    mutating func reject(_ problem: Problem) {
        if self.problem == nil { self.problem = problem }
    }

    /// Closes the record element and lays out the values slot by slot, in document order within a slot.
    mutating func finish() {
        leaveElement()
        let base = record.bytes.count
        record.bytes.append(contentsOf: deferred)
        record.layOut(
            pending.count, counts: &slotCounts, slotOf: { Int(pending[$0].slot) },
            valueAt: {
                let value = pending[$0]
                return FieldValue(
                    kind: .string, start: value.deferred ? base + value.start : value.start, count: value.count)
            })
    }
}
