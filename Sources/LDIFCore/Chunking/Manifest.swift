/// What `convert` wrote into a run directory: inputs, header, chunks, totals.
///
/// Written as `manifest.json` beside the chunk files. Later stages (upload,
/// resume, report) read it instead of the inputs: a chunk's identity is its
/// index plus the sha256 of its bytes.
public struct Manifest: Sendable, Codable, Equatable {
    public static let fileName = "manifest.json"

    public struct Input: Sendable, Codable, Equatable {
        /// As given on the command line.
        public var name: String
        public var format: String
        public var bytes: Int64
        public var sha256: String
        public var records: Int

        public init(name: String, format: String, bytes: Int64, sha256: String, records: Int) {
            self.name = name
            self.format = format
            self.bytes = bytes
            self.sha256 = sha256
            self.records = records
        }
    }

    public struct Chunk: Sendable, Codable, Equatable {
        /// The LDIF file, relative to the run directory.
        public var file: String
        /// The sidecar with one line per item: its source and rule.
        public var sources: String
        /// 1-based.
        public var index: Int
        public var phase: Int
        public var items: Int
        /// 0-based index of the first and last item over the whole conversion.
        public var firstItem: Int
        public var lastItem: Int
        public var bytes: Int
        public var sha256: String
        /// The key written into the chunk's `description`, which finds its run again.
        public var key: String

        public init(
            file: String, sources: String, index: Int, phase: Int, items: Int, firstItem: Int,
            lastItem: Int, bytes: Int, sha256: String, key: String
        ) {
            self.file = file
            self.sources = sources
            self.index = index
            self.phase = phase
            self.items = items
            self.firstItem = firstItem
            self.lastItem = lastItem
            self.bytes = bytes
            self.sha256 = sha256
            self.key = key
        }
    }

    public struct Totals: Sendable, Codable, Equatable {
        public var recordsRead = 0
        public var recordsEmitted = 0
        public var recordsFiltered = 0
        public var recordsRejected = 0
        public var itemsEmitted = 0
        public var itemsRejected = 0
        public var chunks = 0
        public var bytes = 0

        public init() {}
    }

    public struct FindingCounts: Sendable, Codable, Equatable {
        public var error = 0
        public var warning = 0

        public init() {}
    }

    public var formatVersion = 1
    public var tool: String
    public var conversionId: String
    public var createdAt: String
    public var mapping: String
    public var inputs: [Input]
    /// The LDIF header every chunk carries (description without the chunk key).
    public var header: LDIFHeader
    public var chunks: [Chunk]
    public var totals: Totals
    public var findings: FindingCounts

    public init(
        tool: String, conversionId: String, createdAt: String, mapping: String, inputs: [Input],
        header: LDIFHeader, chunks: [Chunk], totals: Totals, findings: FindingCounts
    ) {
        self.tool = tool
        self.conversionId = conversionId
        self.createdAt = createdAt
        self.mapping = mapping
        self.inputs = inputs
        self.header = header
        self.chunks = chunks
        self.totals = totals
        self.findings = findings
    }
}

/// One line of a chunk's sources sidecar (`chunk-0001.sources.jsonl`): where an item came from.
public struct ItemSource: Sendable, Codable, Equatable {
    /// 0-based position of the item in its chunk's `content`.
    public var index: Int
    public var type: String
    public var id: String
    public var file: String
    public var line: Int
    public var record: Int
    public var pointer: String?
    /// The mapping rule that produced the item (`items[1]`).
    public var rule: String
    /// The worksheet, for workbook inputs (`line` is then its row).
    public var sheet: String?

    public init(
        index: Int, type: String, id: String, file: String, line: Int, record: Int, pointer: String?,
        rule: String, sheet: String? = nil
    ) {
        self.sheet = sheet
        self.index = index
        self.type = type
        self.id = id
        self.file = file
        self.line = line
        self.record = record
        self.pointer = pointer
        self.rule = rule
    }
}
