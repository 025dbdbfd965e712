public import LDIFCore

/// Reads the records of one XML file with libxml2's streaming reader.
///
/// Records: `source.records` is an absolute path (`/bom/components/component`)
/// or `//name` for elements at any depth (`//components/component` with
/// parents); without it the children of the document element are records.
/// Names match by local name, so a default namespace needs no prefix. A
/// record element inside another record is a record of its own: its content
/// is not part of the outer record's fields, and it is handed on before the
/// outer record (records come in the order of their end tags, so that none has
/// to wait for another and memory stays bounded).
///
/// Fields: `name` (child element text), `supplier/name`, `licenses/license/id`
/// (every match, in document order: several give a list), `@bom-ref` and
/// `supplier/@id` (attributes), `.` (the record element's own text). Text has
/// entities, character references and CDATA resolved; an element's text is
/// the text of everything inside it. Whitespace-only text between child
/// elements is indentation and left out; in a leaf element all text is kept
/// as written, spaces included, and an empty element gives "".
///
/// Safety: no network, no DTD loading, no external entities (a reference to
/// one gives an `external-entity` warning and no text); libxml2 refuses
/// entity loops and exponential expansion, and no value may pass
/// `maxFieldBytes`, no record ``maxRecordBytes``. The encoding comes from the
/// prolog (`source.encoding` other than UTF-8 overrides it).
///
/// Memory stays bounded by the largest record, whatever the file size: the
/// reader frees each node once walked, and only mapped values are kept.
///
/// A document that is not well-formed gives one `malformed-xml` finding with
/// libxml2's message, line and column; every record that ended before the
/// error is still handed on. (libxml2's reader parses ahead of the node it
/// shows, so records just before an error may not have been walked when it
/// stops; the file is then read a second time, handing over the last stretch
/// before the error byte by byte, and the records the first pass missed are
/// handed on.)
public final class XMLImporter: RecordImporter {
    /// The most bytes of values one record may hold, unless `maxFieldBytes` is larger.
    public static let maxRecordBytes = 64 << 20

    /// How far before the error the second pass starts handing over single bytes.
    static let slowStretch: Int64 = 64 << 10

    private let input: InputFile
    private let encoding: String?
    private var plan: XMLPlan

    init(input: InputFile, recordPath: XMLRecordPath, options: SourceOptions) {
        self.input = input
        plan = XMLPlan(recordPath: recordPath, options: options)
        encoding = options.encoding == .utf8 ? nil : options.encoding.rawValue
    }

    public var fieldNames: [String]? { nil }

    public func bind(_ paths: [FieldPath]) -> [BindProblem] {
        var problems: [BindProblem] = []
        var parsed: [XMLFieldPath?] = []
        for (index, path) in paths.enumerated() {
            switch XMLFieldPath.parse(path) {
            case .success(let field):
                parsed.append(field)
            case .failure(let failure):
                parsed.append(nil)
                problems.append(BindProblem(pathIndex: index, message: failure.message))
            }
        }
        var names = plan.names
        plan.trie = XMLPathTrie(parsed, names: &names)
        plan.names = names
        plan.fields = paths.map(\.description)
        return problems
    }

    /// libxml2's longest text node (and 256 levels of nesting) unless `XML_PARSE_HUGE` lifts them.
    static let libxmlTextLimit = 10_000_000

    /// Whether the values allowed are so large that libxml2's own limits must be lifted.
    private var huge: Bool { plan.fieldLimit > Self.libxmlTextLimit }

    private func makeReader(slowFrom: Int64 = .max) throws -> XMLTextReader {
        let feed = try XMLInputFeed(input: input, slowFrom: slowFrom, guardsAttributes: encoding != "utf-16")
        return try XMLTextReader(feed: feed, name: input.name, encoding: encoding, huge: huge)
    }

    public func read(into sink: any RecordSink) throws {
        let reader = try makeReader()
        var walker = XMLWalker(plan: plan, file: input.name, reader: reader, skipCount: 0)
        let clean = walker.run(reader, into: sink)
        if let code = reader.readErrno { throw ConversionError.io("read", path: input.name, errno: code) }
        reportWarnings(reader.log, to: sink)
        guard !clean else {
            if walker.recordCount == 0 { reportNoRecords(to: sink) }
            return
        }
        let consumed = reader.bytesConsumed
        // Records in the reader's look-ahead were never shown, so even a pass that saw none may have missed some.
        let handed = try rereadBeforeError(at: consumed, after: walker.handedCount, into: sink)
        let nothing =
            !reader.sawContent
            ? "the file is empty (no XML document in it)"
            : walker.sawElement ? nil : "the document has no element (only a prolog, comments or whitespace)"
        reportMalformed(reader.log, handed: handed, nothing: nothing, to: sink)
    }

    /// Reads the document again, byte by byte near the error, and hands on the records the first pass missed.
    private func rereadBeforeError(at consumed: Int64, after handed: Int, into sink: any RecordSink) throws -> Int {
        let slowFrom = consumed > 0 ? max(0, consumed - Self.slowStretch) : 0
        let reader = try makeReader(slowFrom: slowFrom)
        var walker = XMLWalker(plan: plan, file: input.name, reader: reader, skipCount: handed)
        _ = walker.run(reader, into: sink)
        if let code = reader.readErrno { throw ConversionError.io("read", path: input.name, errno: code) }
        return max(walker.handedCount, handed)
    }

    /// - Parameter nothing: what the file holds instead of a document, when it holds none.
    private func reportMalformed(_ log: XMLErrorLog, handed: Int, nothing: String?, to sink: any RecordSink) {
        let error = log.stoppingError
        let line = error?.line ?? 0
        if let nothing, error?.message.hasPrefix("Extra content") ?? true {
            sink.report(
                Finding(
                    .error, .parse, code: "malformed-xml", message: nothing + "; export it again or leave it out",
                    location: SourceLocation(file: input.name, line: 0)))
            return
        }
        let message = Self.explain(error?.message ?? "the XML reader stopped without a message", huge: huge)
        sink.report(
            Finding(
                .error, .parse, code: "malformed-xml",
                message: "\(message): the document is not well-formed XML, so reading stopped here"
                    + " (\(handed == 1 ? "1 record before it was" : "\(handed) records before it were") read);"
                    + " fix the document and convert again",
                location: SourceLocation(
                    file: input.name, line: line, column: (error?.column ?? 0) > 0 ? error?.column : nil)))
    }

    /// libxml2's message, with what to do where ldifbulk knows better than libxml2's advice.
    static func explain(_ message: String, huge: Bool) -> String {
        if !huge, message.contains("huge text node") || message.contains("XML_PARSE_HUGE") {
            let what =
                message.contains("huge text node")
                ? "a text passes \(libxmlTextLimit) bytes" : "elements nest more than 256 levels deep"
            return "\(what), more than the XML reader takes by default (libxml2: \(message));"
                + " --max-field-bytes above \(libxmlTextLimit) lifts this limit (texts up to 1 GB, 2048 levels)"
        }
        return message
    }

    private func reportWarnings(_ log: XMLErrorLog, to sink: any RecordSink) {
        let stopping = log.stoppingError
        for message in log.messages where message != stopping && message.level != .fatal {
            sink.report(
                Finding(
                    .warning, .parse, code: "xml-warning", message: "libxml2: \(message.message)",
                    location: SourceLocation(
                        file: input.name, line: message.line, column: message.column > 0 ? message.column : nil)))
        }
    }

    private func reportNoRecords(to sink: any RecordSink) {
        sink.report(
            Finding(
                .warning, .parse, code: "no-records",
                message: "no element matches the record path \(plan.recordPathText); check source.records"
                    + " (names match by local name, '//name' finds them at any depth)",
                location: SourceLocation(file: input.name, line: 0)))
    }
}
