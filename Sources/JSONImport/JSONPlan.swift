import LDIFCore

/// Everything compiled from `source.records` and the bound field paths.
struct JSONPlan: Sendable {
    /// Objects and arrays nested deeper than this stop the parse: no real
    /// export nests so deep, and the limit keeps the parser's stack small.
    static let maxDepth = 10_000

    var selector: JSONRecordSelector
    var trie = JSONPathTrie()
    /// The field paths as the mapping wrote them, by slot (for messages).
    var fields: [String] = []
    /// Slots whose path has `*`: always a list, even of one.
    var listSlots: [Bool] = []
    /// A value longer than this rejects its record (`SourceOptions.maxFieldBytes`).
    var fieldLimit: Int
    /// The values of one record may not pass this.
    var recordLimit: Int
    /// The input as the user named it.
    var file: String

    init(selector: JSONRecordSelector, options: SourceOptions, file: String) {
        self.selector = selector
        fieldLimit = options.maxFieldBytes
        recordLimit = max(JSONImporter.maxRecordBytes, options.maxFieldBytes)
        self.file = file
    }
}

/// What a value is to the parser, decided before it is read.
struct JSONRole {
    enum Kind: UInt8 {
        /// Outside the records and off the way to them: only checked.
        case skip
        /// On the way to the records' container (its keys matched so far).
        case path
        /// The container whose elements or values are the records.
        case container
        /// A record.
        case record
        /// Inside a record, at the trie nodes `nodes` of the pool.
        case field
    }

    var kind: Kind
    var nodeStart: Int = 0
    var nodeCount: Int = 0

    static let skip = JSONRole(kind: .skip)
}

/// An object or array the parser is inside.
struct JSONFrame {
    var isObject: Bool
    var kind: JSONRole.Kind
    /// Members or elements begun so far.
    var count = 0
    /// Where this object's current key sits in the parser's key buffer.
    var keyStart: Int
    var keyEnd: Int
    var nodeStart: Int
    var nodeCount: Int
}

extension Array {
    /// Drops the elements from `count` on; nothing to do is the common case, and costs nothing.
    @inline(__always)
    mutating func truncate(to count: Int) {
        if self.count > count { removeSubrange(count...) }
    }
}
