public import LDIFCore

/// Reads the records of one XML file with libxml2's streaming reader.
///
/// Records: `source.records` is an absolute path (`/bom/components/component`)
/// or `//name` for elements at any depth (`//components/component` with
/// parents); without it the children of the document element are records.
/// Names match by local name, so a default namespace needs no prefix. A
/// record element inside another record is a record of its own: its content
/// is not part of the outer record's fields, and it is handed on after the
/// outer record (records come in the document order of their start tags).
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

    public func read(into sink: any RecordSink) throws {
        let reader = try XMLTextReader(feed: XMLInputFeed(input: input), name: input.name, encoding: encoding)
        var walker = XMLWalker(plan: plan, file: input.name, reader: reader, skipThrough: 0)
        let clean = walker.run(reader, into: sink)
        if let code = reader.readErrno { throw ConversionError.io("read", path: input.name, errno: code) }
        reportWarnings(reader.log, to: sink)
        guard !clean else {
            if walker.recordCount == 0 { reportNoRecords(to: sink) }
            return
        }
        let consumed = reader.bytesConsumed
        // Records in the reader's look-ahead were never shown, so even a pass that saw none may have missed some.
        let handed = try rereadBeforeError(at: consumed, after: walker.handedThrough, into: sink)
        reportMalformed(reader.log, handed: handed, to: sink)
    }

    /// Reads the document again, byte by byte near the error, and hands on the records the first pass missed.
    private func rereadBeforeError(at consumed: Int64, after handed: Int, into sink: any RecordSink) throws -> Int {
        let slowFrom = consumed > 0 ? max(0, consumed - Self.slowStretch) : 0
        let feed = try XMLInputFeed(input: input, slowFrom: slowFrom)
        let reader = try XMLTextReader(feed: feed, name: input.name, encoding: encoding)
        var walker = XMLWalker(plan: plan, file: input.name, reader: reader, skipThrough: handed)
        _ = walker.run(reader, into: sink)
        if let code = reader.readErrno { throw ConversionError.io("read", path: input.name, errno: code) }
        walker.flushWaiting(sink)
        return walker.handedThrough
    }

    private func reportMalformed(_ log: XMLErrorLog, handed: Int, to sink: any RecordSink) {
        let error = log.stoppingError
        let message = error?.message ?? "the XML reader stopped without a message"
        let line = error?.line ?? 0
        sink.report(
            Finding(
                .error, .parse, code: "malformed-xml",
                message: "\(message): the document is not well-formed XML, so reading stopped here"
                    + " (\(handed == 1 ? "1 record before it was" : "\(handed) records before it were") read);"
                    + " fix the document and convert again",
                location: SourceLocation(
                    file: input.name, line: line, column: (error?.column ?? 0) > 0 ? error?.column : nil)))
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
