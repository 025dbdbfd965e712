import LDIFCore

/// One pass of the reader over a document: finds record elements and feeds their nodes to builders.
///
/// A record element inside another record (`//component` in a CycloneDX SBOM
/// with sub-components) is a record of its own, and its content is not part
/// of the outer record's fields. Records reach the sink in the order of their
/// end tags: a nested record is handed on as soon as it ends, before the record
/// around it, so that nothing waits and memory is bounded by the records open at
/// once (one per nesting level), whatever the number of nested records.
struct XMLWalker {
    private let plan: XMLPlan
    private let file: String
    /// This many records (in the order they are handed on) were handed on by an earlier pass.
    private let skipCount: Int
    private let lookup: XMLNameLookup
    private var chain: [Int32] = []
    /// The innermost open record; meaningful while `openRecords > 0`.
    private var current: XMLRecordBuilder
    /// Records around `current`, waiting for a nested record to end.
    private var suspended: [XMLRecordBuilder] = []
    private var spare: [XMLRecordBuilder] = []
    private var openRecords = 0
    /// Tags cut by the feed (too many attributes) that this walker has met.
    private var cutsSeen = 0
    private var reportedEntities: Set<String> = []
    /// The line of the last text between elements, for records past line 65535.
    private var textLine = 0
    private var tracksTextLines = false

    /// Records started so far.
    private(set) var recordCount = 0
    /// Whether any element started (a document of only a prolog or comments has none).
    private(set) var sawElement = false
    /// Records handed on (or passed over as handed on by an earlier pass) so far.
    private(set) var handedCount = 0

    init(plan: XMLPlan, file: String, reader: XMLTextReader, skipCount: Int) {
        self.plan = plan
        self.file = file
        self.skipCount = skipCount
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
        sawElement = true
        chain.append(name)
        if plan.recordPath.matches(chain) {
            beginRecord(reader)
            current.enterElement(named: name, reader: reader, lookup: lookup)
        } else if openRecords > 0 {
            current.enterElement(named: name, reader: reader, lookup: lookup)
        }
        if reader.cutTags > cutsSeen { checkAttributeCount(reader, sink) }
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

    /// The feed cut a tag with too many attributes: if it is this one, its record is rejected.
    private mutating func checkAttributeCount(_ reader: XMLTextReader, _ sink: any RecordSink) {
        guard reader.attributeCount > XMLAttributeGuard.limit else { return }
        cutsSeen += 1
        let text =
            "the element <\(reader.localNameText)> on line \(reader.line) has more than"
            + " \(XMLAttributeGuard.limit) attributes"
        if openRecords > 0 {
            current.reject(
                XMLRecordBuilder.Problem(
                    code: "too-many-attributes",
                    message: text + "; the record was skipped (the rest of the tag was not read)"))
        } else if handedCount >= skipCount {
            sink.report(
                Finding(
                    .warning, .parse, code: "too-many-attributes",
                    message: text + "; the attributes past the limit were not read",
                    location: SourceLocation(file: file, line: reader.line)))
        }
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
        hand(current.record, current.problem, sink)
        if openRecords > 0 {
            spare.append(current)
            current = suspended.removeLast()
        }
    }

    private mutating func hand(_ record: Record, _ problem: XMLRecordBuilder.Problem?, _ sink: any RecordSink) {
        handedCount += 1
        // Records end in the same order in every pass: the first `skipCount` went on already.
        guard handedCount > skipCount else { return }
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
            guard handedCount >= skipCount, reportedEntities.insert(name).inserted else { return }
            sink.report(
                Finding(
                    .warning, .parse, code: "external-entity",
                    message: "the external entity &\(name); was not read (external entities are off, for safety);"
                        + " its text is left out of the values",
                    location: current.record.location))
        }
    }
}
