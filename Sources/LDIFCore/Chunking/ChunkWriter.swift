import Crypto
import Foundation

/// Cuts the stream of items into chunk files and writes each chunk's sources sidecar.
///
/// Chunk boundaries are decided once, as items arrive: a chunk closes at the
/// item or byte limit, or when the phase changes. Each chunk file is written and
/// hashed in one pass: the header's fixed keys first, then the items; the keys
/// that carry totals known only at the end (the description's key,
/// `chunkInformation`) follow the content, and ``finish()`` appends them.
public final class ChunkWriter {
    final class OpenChunk {
        let index: Int
        let phase: Int
        var items = 0
        let firstItem: Int
        let body: FileOutput
        let sources: FileOutput

        init(index: Int, phase: Int, firstItem: Int, body: FileOutput, sources: FileOutput) {
            self.index = index
            self.phase = phase
            self.firstItem = firstItem
            self.body = body
            self.sources = sources
        }
    }

    struct ClosedChunk {
        var index: Int
        var phase: Int
        var items: Int
        var firstItem: Int
        var bodyBytes: Int
        /// The sha256 of the bytes written so far, to be finished with the tail.
        var hasher: SHA256
    }

    public let directory: String
    let limits: ChunkLimits
    let header: LDIFHeader
    let format: LDIFFormat
    let conversionId: String
    /// Bytes the head and tail may take at most, with the largest numbers they could carry.
    let headerReserve: Int
    let head: [UInt8]
    /// Before the first item of a chunk, and between two items.
    let firstItemPrefix: [UInt8]
    let separator: [UInt8]
    var open: OpenChunk?
    var closed: [ClosedChunk] = []
    var itemCount = 0
    var scratch: [UInt8] = []
    var sourceWriter = SourceLineWriter()
    /// Compact items of the open chunk not written yet.
    var pending = PendingItems()

    public init(directory: String, limits: ChunkLimits, header: LDIFHeader, pretty: Bool, conversionId: String) {
        self.directory = directory
        self.limits = limits
        self.header = header
        self.format = LDIFFormat(pretty: pretty)
        self.conversionId = conversionId
        let big = LDIFFormat.ChunkInformation(
            firstDataObject: 999_999_999_999, lastDataObject: 999_999_999_999, maxDataObject: 999_999_999_999)
        let widest = Self.description(header.description, key: Self.key(conversionId, 999_999, of: 999_999))
        head = format.chunkHead(header)
        firstItemPrefix = format.firstItemPrefix
        separator = format.separator
        headerReserve = head.count + format.chunkTail(description: widest, chunk: big, empty: false).count
    }

    /// The key that names a chunk in its run's description: `[ldifbulk <id> 3/12]`.
    public static func key(_ conversionId: String, _ index: Int, of total: Int) -> String {
        "[ldifbulk \(conversionId) \(index)/\(total)]"
    }

    /// The mapping's description followed by the key, within the API's 500 characters.
    public static func description(_ base: String?, key: String) -> String {
        guard var base, !base.isEmpty else { return key }
        let room = 500 - key.utf16.count - 1
        while base.utf16.count > room { base.removeLast() }
        return base + " " + key
    }

    public static func fileName(_ index: Int) -> String { "chunk-\(fourDigits(index)).json" }
    public static func sourcesName(_ index: Int) -> String { "chunk-\(fourDigits(index)).sources.jsonl" }

    static func fourDigits(_ value: Int) -> String {
        let digits = String(value)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Adds an item. Returns a warning when the item alone is larger than the byte limit.
    public func add(_ item: ItemBuilder.Item, json: [UInt8], keys: [UInt8], phase: Int, location: SourceLocation)
        throws(ConversionError) -> Finding?
    {
        var size = item.json.count
        if format.pretty {
            scratch.removeAll(keepingCapacity: true)
            format.appendItem(json[item.json], to: &scratch)
            size = scratch.count
        }
        var warning: Finding?
        if let chunk = open {
            let full =
                chunk.items >= limits.items
                || headerReserve - head.count + chunk.body.bytesWritten + pending.count + separator.count + size
                    > limits.bytes
            if full || chunk.phase != phase {
                try writePending()
                try closeChunk(chunk)
                open = nil
            }
        }
        let chunk: OpenChunk
        if let current = open {
            chunk = current
        } else {
            let index = closed.count + 1
            let body = try FileOutput(path: "\(directory)/\(Self.fileName(index))", capacity: 1 << 18)
            body.hasher = SHA256()
            try body.write(head)
            chunk = OpenChunk(
                index: index, phase: phase, firstItem: itemCount, body: body,
                sources: try FileOutput(path: "\(directory)/\(Self.sourcesName(index))", capacity: 1 << 18))
            open = chunk
            if headerReserve + size > limits.bytes {
                warning = Finding(
                    .warning, .chunking, code: "item-too-large",
                    message:
                        "this item alone takes \(size) bytes, more than --chunk-bytes \(limits.bytes): its chunk is over the limit",
                    location: location, rule: item.rule, itemType: String(decoding: keys[item.type], as: UTF8.self),
                    itemId: String(decoding: keys[item.id], as: UTF8.self))
            }
        }
        if format.pretty {
            try chunk.body.append { out in
                out.append(contentsOf: chunk.items == 0 ? firstItemPrefix : separator)
                out.append(contentsOf: scratch)
            }
        } else {
            try pending.add(item.json, of: json, first: chunk.items == 0, to: chunk.body)
        }
        let items = chunk.items
        try chunk.sources.append { out in
            sourceWriter.appendLine(index: items, item: item, keys: keys, location: location, to: &out)
        }
        chunk.items += 1
        itemCount += 1
        return warning
    }

    /// Writes the open chunk's pending items.
    func writePending() throws(ConversionError) {
        guard let chunk = open else { return pending.discard() }
        try pending.write(to: chunk.body)
    }

    func closeChunk(_ chunk: OpenChunk) throws(ConversionError) {
        try chunk.body.close()
        try chunk.sources.close()
        closed.append(
            ClosedChunk(
                index: chunk.index, phase: chunk.phase, items: chunk.items, firstItem: chunk.firstItem,
                bodyBytes: chunk.body.bytesWritten, hasher: chunk.body.hasher!))
    }
}
