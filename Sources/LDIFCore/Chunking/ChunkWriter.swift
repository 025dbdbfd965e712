import Crypto
import Foundation

/// Cuts the stream of items into chunk files and writes each chunk's sources sidecar.
///
/// Chunk boundaries are decided once, as items arrive: a chunk closes at the
/// item or byte limit, or when the phase changes. Headers carry totals known
/// only at the end, so item bodies go to `.part` files and ``finish()``
/// writes each final file (header + body), hashing it in the same pass.
public final class ChunkWriter {
    struct OpenChunk {
        var index: Int
        var phase: Int
        var items = 0
        var firstItem: Int
        var body: FileOutput
        var sources: FileOutput
    }

    struct ClosedChunk {
        var index: Int
        var phase: Int
        var items: Int
        var firstItem: Int
        var bodyBytes: Int
    }

    public let directory: String
    let limits: ChunkLimits
    let header: LDIFHeader
    let format: LDIFFormat
    let conversionId: String
    /// Bytes the final header may take at most, with the largest numbers it could carry.
    let headerReserve: Int
    var open: OpenChunk?
    var closed: [ClosedChunk] = []
    var itemCount = 0
    var scratch: [UInt8] = []
    var sourceLine: [UInt8] = []

    public init(directory: String, limits: ChunkLimits, header: LDIFHeader, pretty: Bool, conversionId: String) {
        self.directory = directory
        self.limits = limits
        self.header = header
        self.format = LDIFFormat(pretty: pretty)
        self.conversionId = conversionId
        let big = LDIFFormat.ChunkInformation(firstDataObject: 999_999_999_999, lastDataObject: 999_999_999_999, maxDataObject: 999_999_999_999)
        let widest = Self.description(header.description, key: Self.key(conversionId, 999_999, of: 999_999))
        headerReserve = format.head(header, description: widest, chunk: big).count + format.tail(empty: false).count
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
    public func add(_ item: ItemBuilder.Item, phase: Int, location: SourceLocation) throws(ConversionError) -> Finding? {
        scratch.removeAll(keepingCapacity: true)
        format.appendItem(item.json, to: &scratch)
        var warning: Finding?
        if var chunk = open {
            let separator = format.separator.count
            let full = chunk.items >= limits.items
                || headerReserve + chunk.body.bytesWritten + separator + scratch.count > limits.bytes
            if full || chunk.phase != phase {
                try closeChunk(&chunk)
                open = nil
            }
        }
        if open == nil {
            let index = closed.count + 1
            open = OpenChunk(
                index: index, phase: phase, firstItem: itemCount,
                body: try FileOutput(path: partPath(index)),
                sources: try FileOutput(path: "\(directory)/\(Self.sourcesName(index))", capacity: 1 << 18))
            if headerReserve + scratch.count > limits.bytes {
                warning = Finding(
                    .warning, .chunking, code: "item-too-large",
                    message: "this item alone takes \(scratch.count) bytes, more than --chunk-bytes \(limits.bytes): its chunk is over the limit",
                    location: location, rule: item.rule, itemType: item.type, itemId: item.id)
            }
        }
        try write(item, location: location)
        return warning
    }

    private func write(_ item: ItemBuilder.Item, location: SourceLocation) throws(ConversionError) {
        guard var chunk = open else { return }
        try chunk.body.write(chunk.items == 0 ? format.firstItemPrefix : format.separator)
        try chunk.body.write(scratch)
        sourceLine.removeAll(keepingCapacity: true)
        ItemSource.appendJSONLine(
            index: chunk.items, type: item.type, id: item.id, location: location, rule: item.rule, to: &sourceLine)
        try chunk.sources.write(sourceLine)
        chunk.items += 1
        itemCount += 1
        open = chunk
    }

    func closeChunk(_ chunk: inout OpenChunk) throws(ConversionError) {
        try chunk.body.close()
        try chunk.sources.close()
        closed.append(
            ClosedChunk(index: chunk.index, phase: chunk.phase, items: chunk.items, firstItem: chunk.firstItem, bodyBytes: chunk.body.bytesWritten))
    }

    func partPath(_ index: Int) -> String { "\(directory)/\(Self.fileName(index)).part" }
}
