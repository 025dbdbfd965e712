import LDIFCore

/// Everything compiled from the record path and the bound field paths.
struct XMLPlan: Sendable {
    var names = XMLNameTable()
    var recordPath: CompiledXMLRecordPath
    var recordPathText: String
    var trie: XMLPathTrie
    /// The field paths as the mapping wrote them, by slot (for messages).
    var fields: [String] = []
    /// A value longer than this rejects its record (`SourceOptions.maxFieldBytes`).
    var fieldLimit: Int
    /// The values of one record may not pass this.
    var recordLimit: Int

    init(recordPath: XMLRecordPath, options: SourceOptions) {
        var names = XMLNameTable()
        self.recordPath = recordPath.compiled(into: &names)
        recordPathText = recordPath.text
        trie = XMLPathTrie([], names: &names)
        self.names = names
        fieldLimit = options.maxFieldBytes
        recordLimit = max(XMLImporter.maxRecordBytes, options.maxFieldBytes)
    }

    var slotCount: Int { fields.count }
}
