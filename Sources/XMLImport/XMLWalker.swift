import LDIFCore

/// One pass of the reader over a document: finds record elements and feeds their nodes to builders.
///
/// A record element inside another record (`//component` in a CycloneDX SBOM
/// with sub-components) is a record of its own, and its content is not part
/// of the outer record's fields. Records reach the sink in document order of
/// their start tags: a nested record waits until the record around it has
/// been handed on (unless the waiting ones pass the record size limit; then
/// they go on at once, to keep memory bounded).
struct XMLWalker {
    private struct Waiting {
        var record: Record
        var problem: XMLRecordBuilder.Problem?
    }

    private let plan: XMLPlan
    private let file: String
    /// Records numbered up to this one were handed on by an earlier pass.
    private let skipThrough: Int
    private let lookup: XMLNameLookup
    private var chain: [Int32] = []
    /// The innermost open record; meaningful while `openRecords > 0`.
    private var current: XMLRecordBuilder
    /// Records around `current`, waiting for a nested record to end.
    private var suspended: [XMLRecordBuilder] = []
    private var spare: [XMLRecordBuilder] = []
    private var openRecords = 0
    private var waiting: [Waiting] = []
    private var waitingBytes = 0
    private var reportedEntities: Set<String> = []
    /// The line of the last text between elements, for records past line 65535.
    private var textLine = 0
    private var tracksTextLines = false

    /// Records started so far.
    private(set) var recordCount = 0
    /// The highest record number handed to the sink, in this pass or an earlier one.
    private(set) var handedThrough: Int

    init(plan: XMLPlan, file: String, reader: XMLTextReader, skipThrough: Int) {
        self.plan = plan
        self.file = file
        self.skipThrough = skipThrough
        self.handedThrough = skipThrough
        lookup = XMLNameLookup(table: plan.names, reader: reader)
        current = XMLRecordBuilder(plan: plan, file: file)
        // Lines of text between elements are only needed where a record can start.
        textLinesAnywhere = plan.recordPath.anyDepth
    }

    private let textLinesAnywhere: Bool

    /// Reads nodes until the end of the document or an error; true at a clean end.
    mutating func run(_ reader: XMLTextReader, into sink: any RecordSink) -> Bool {
        while reader.read() {
            switch reader.nodeType {
            case XMLTextReader.NodeType.element:
                startElement(reader, sink)
            case XMLTextReader.NodeType.endElement:
                endElement(sink)
            case XMLTextReader.NodeType.text, XMLTextReader.NodeType.cdata:
                if openRecords > 0 { current.appendText(reader.value, isWhitespace: false) }
            case XMLTextReader.NodeType.whitespace, XMLTextReader.NodeType.significantWhitespace:
                if openRecords > 0 {
                    if current.isCollecting { current.appendText(reader.value, isWhitespace: true) }
                    if tracksTextLines && textLinesAnywhere { textLine = reader.line }
                } else if tracksTextLines {
                    textLine = reader.line
                }
            case XMLTextReader.NodeType.entityReference:
                if openRecords > 0 { entityReference(reader, sink) }
            default:
                break
            }
        }
        return reader.log.stoppingError == nil && reader.readErrno == nil
    }

    private mutating func startElement(_ reader: XMLTextReader, _ sink: any RecordSink) {
        let name = lookup.id(of: reader.localName)
        let isEmpty = reader.isEmptyElement
        chain.append(name)
        if plan.recordPath.matches(chain) {
            beginRecord(reader)
            current.enterElement(named: name, reader: reader, lookup: lookup)
        } else if openRecords > 0 {
            current.enterElement(named: name, reader: reader, lookup: lookup)
        }
        if isEmpty { endElement(sink) }
    }

    private mutating func endElement(_ sink: any RecordSink) {
        if openRecords > 0 {
            if current.depth == 1 {
                finishRecord(sink)
            } else {
                current.leaveElement()
            }
        }
        chain.removeLast()
    }

    private mutating func beginRecord(_ reader: XMLTextReader) {
        recordCount += 1
        var line = reader.line
        // libxml2 stores element lines in 16 bits; past that, the text before the tag knows the line.
        if line > 60_000 { tracksTextLines = true }
        if line >= 65_535 { line = max(textLine, 65_535) }
        if openRecords > 0 {
            current.noteChildElement()
            suspended.append(current)
            current = spare.popLast() ?? XMLRecordBuilder(plan: plan, file: file)
        }
        openRecords += 1
        current.begin(SourceLocation(file: file, line: line, record: recordCount))
    }

    private mutating func finishRecord(_ sink: any RecordSink) {
        current.finish()
        openRecords -= 1
        guard openRecords > 0 else {
            hand(current.record, current.problem, sink)
            flushWaiting(sink)
            return
        }
        waiting.append(Waiting(record: current.record, problem: current.problem))
        waitingBytes += current.size
        spare.append(current)
        current = suspended.removeLast()
        if waitingBytes + current.size + suspended.reduce(0, { $0 + $1.size }) > plan.recordLimit { flushWaiting(sink) }
    }

    /// Hands on nested records still waiting for the record around them (at the end of a pass, or when too large).
    mutating func flushWaiting(_ sink: any RecordSink) {
        for entry in waiting.sorted(by: { $0.record.location.record < $1.record.location.record }) {
            hand(entry.record, entry.problem, sink)
        }
        waiting.removeAll()
        waitingBytes = 0
    }

    private mutating func hand(_ record: Record, _ problem: XMLRecordBuilder.Problem?, _ sink: any RecordSink) {
        let number = record.location.record
        guard number > skipThrough else { return }
        handedThrough = max(handedThrough, number)
        if let problem {
            sink.reject(
                Finding(
                    .error, .parse, code: problem.code, message: problem.message, location: record.location,
                    field: problem.field))
        } else {
            sink.accept(record)
        }
    }

    private mutating func entityReference(_ reader: XMLTextReader, _ sink: any RecordSink) {
        switch current.appendEntity(from: reader) {
        case .expanded:
            break
        case .overBudget:
            current.reject(
                XMLRecordBuilder.Problem(
                    code: "record-too-large",
                    message: "an entity reference expands past \(plan.recordLimit) bytes; the record was skipped"))
        case .external(let name):
            guard current.record.location.record > skipThrough, reportedEntities.insert(name).inserted else { return }
            sink.report(
                Finding(
                    .warning, .parse, code: "external-entity",
                    message: "the external entity &\(name); was not read (external entities are off, for safety);"
                        + " its text is left out of the values",
                    location: current.record.location))
        }
    }
}
