import LDIFCore

/// The workbook's shared-string table, held compactly: one byte buffer and one offset per string.
struct SharedStrings {
    private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` is string `i`.
    private var offsets: [UInt32] = [0]

    init() {}

    var count: Int { offsets.count - 1 }

    /// String `index` as bytes, or nil when the table has no such entry.
    @inline(__always)
    func withString<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard index >= 0, index < count else { return nil }
        let start = Int(offsets[index])
        let end = Int(offsets[index + 1])
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Reads the table from `part`.
    init(part: String, archive: ZipArchive) throws(ConversionError) {
        let reader = try OOXMLReader(stream: try archive.open(part))
        var scratch: [UInt8] = []
        while try reader.read() {
            guard reader.nodeType == OOXMLReader.NodeType.element, reader.isNamed("si") else { continue }
            try reader.appendStringItem(to: &bytes, scratch: &scratch)
            guard bytes.count <= Int(UInt32.max) else {
                throw ConversionError(.input, "\(archive.name): the shared strings hold more than 4 GB of text")
            }
            offsets.append(UInt32(bytes.count))
        }
    }
}
