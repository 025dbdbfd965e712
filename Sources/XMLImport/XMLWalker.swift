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
    private var open: [XMLRecordBuilder] = []
    private var spare: [XMLRecordBuilder] = []
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
    }

    /// Reads nodes until the end of the document or an error; true at a clean end.
    mutating func run(_ reader: XMLTextReader, into sink: any RecordSink) -> Bool {
        while reader.read() {
            switch reader.nodeType {
            case XMLTextReader.NodeType.element:
                startElement(reader, sink)
            case XMLTextReader.NodeType.endElement:
                endElement(sink)
            case XMLTextReader.NodeType.text, XMLTextReader.NodeType.cdata:
                if !open.isEmpty { open[open.count - 1].appendText(reader.value, isWhitespace: false) }
            case XMLTextReader.NodeType.whitespace, XMLTextReader.NodeType.significantWhitespace:
                if !open.isEmpty && open[open.count - 1].isCollecting {
                    open[open.count - 1].appendText(reader.value, isWhitespace: true)
                }
                if tracksTextLines { textLine = reader.line }
            case XMLTextReader.NodeType.entityReference:
                if !open.isEmpty { entityReference(reader, sink) }
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
            if !open.isEmpty { open[open.count - 1].noteChildElement() }
            beginRecord(reader)
            open[open.count - 1].enterElement(named: name, reader: reader, lookup: lookup)
        } else if !open.isEmpty {
            open[open.count - 1].enterElement(named: name, reader: reader, lookup: lookup)
        }
        if isEmpty { endElement(sink) }
    }

    private mutating func endElement(_ sink: any RecordSink) {
        if let last = open.indices.last {
            if open[last].depth == 1 {
                finishRecord(sink)
            } else {
                open[last].leaveElement()
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
        var builder = spare.popLast() ?? XMLRecordBuilder(plan: plan, file: file)
        builder.begin(SourceLocation(file: file, line: line, record: recordCount))
        open.append(builder)
    }

    private mutating func finishRecord(_ sink: any RecordSink) {
        var builder = open.removeLast()
        builder.finish()
        if open.isEmpty {
            hand(builder.record, builder.problem, sink)
            flushWaiting(sink)
        } else {
            waiting.append(Waiting(record: builder.record, problem: builder.problem))
            waitingBytes += builder.size
            if waitingBytes + open.reduce(0, { $0 + $1.size }) > plan.recordLimit { flushWaiting(sink) }
        }
        spare.append(builder)
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
                Finding(.error, .parse, code: problem.code, message: problem.message, location: record.location,
                        field: problem.field))
        } else {
            sink.accept(record)
        }
    }

    private mutating func entityReference(_ reader: XMLTextReader, _ sink: any RecordSink) {
        let last = open.count - 1
        switch open[last].appendEntity(from: reader) {
        case .expanded:
            break
        case .overBudget:
            open[last].reject(
                XMLRecordBuilder.Problem(
                    code: "record-too-large",
                    message: "an entity reference expands past \(plan.recordLimit) bytes; the record was skipped"))
        case .external(let name):
            guard open[last].record.location.record > skipThrough, reportedEntities.insert(name).inserted else { return }
            sink.report(
                Finding(.warning, .parse, code: "external-entity",
                        message: "the external entity &\(name); was not read (external entities are off, for safety);"
                            + " its text is left out of the values",
                        location: open[last].record.location))
        }
    }
}
