public import LDIFCore

/// Reads the records of one JSON or JSON Lines file with a streaming, strict RFC 8259 parser.
///
/// Records are the elements of an array (`source.records: /components`),
/// the member values of an object (`/releases/*`, each knowing its key), the
/// elements of a top-level array or the whole document (no records path), or
/// the lines of a jsonl file. Field paths: `supplier/name`,
/// `licenses/*/license/id`, `hashes/0/content`, `.`; values keep their JSON
/// kind, numbers their digits as written, and objects or arrays matched as a
/// whole become compact JSON text.
///
/// Nothing is changed silently: a lone surrogate escape (`\uD800`) or bytes
/// that are not UTF-8 reject the record with a finding naming the JSON
/// Pointer. A file that is not JSON gives one `malformed-json` finding with
/// line, column and what was expected, after every record before the error
/// was handed on (in jsonl, only the broken line is skipped).
///
/// Memory does not grow with the file: blocks of 1 MiB are read and only the
/// mapped values of the current record are kept. A value longer than
/// `maxFieldBytes`, or a record whose values pass ``maxRecordBytes``,
/// rejects that record.
public final class JSONImporter: RecordImporter {
    /// The most bytes of values one record may hold, unless `maxFieldBytes` is larger.
    public static let maxRecordBytes = 64 << 20

    private let input: InputFile
    private var plan: JSONPlan
    private let blockSize: Int

    /// - Parameter blockSize: bytes read at a time (tests use tiny blocks, so
    ///   that every token crosses a block boundary somewhere).
    init(input: InputFile, selector: JSONRecordSelector, options: SourceOptions, blockSize: Int = JSONFile.blockSize) {
        self.input = input
        plan = JSONPlan(selector: selector, options: options, file: input.name)
        // A surrogate pair's two escapes (12 bytes) must fit in a block.
        self.blockSize = max(blockSize, 16)
    }

    public var fieldNames: [String]? { nil }

    public func bind(_ paths: [FieldPath]) -> [BindProblem] {
        var problems: [BindProblem] = []
        var trie = JSONPathTrie()
        plan.listSlots = Array(repeating: false, count: paths.count)
        for (index, path) in paths.enumerated() {
            switch JSONFieldPath.steps(of: path) {
            case .success(let steps):
                trie.add(steps, slot: index)
                plan.listSlots[index] = steps.contains(.any)
            case .failure(let failure): problems.append(BindProblem(pathIndex: index, message: failure.message))
            }
        }
        plan.trie = trie
        plan.fields = paths.map(\.description)
        return problems
    }

    public func read(into sink: any RecordSink) throws {
        let file = try JSONFile(input: input, capacity: blockSize)
        var parser = JSONParser(file: file, plan: plan, sink: sink)
        try parser.run()
    }
}
