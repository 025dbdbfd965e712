import Crypto
import Foundation

extension ChunkWriter {
    /// Appends every chunk's tail (description with its key, `chunkInformation`) and returns the manifest entries.
    public func finish() throws(ConversionError) -> [Manifest.Chunk] {
        if let chunk = open {
            try closeChunk(chunk)
            open = nil
        }
        let total = closed.count
        var chunks: [Manifest.Chunk] = []
        for chunk in closed {
            let key = Self.key(conversionId, chunk.index, of: total)
            let information =
                total > 1
                ? LDIFFormat.ChunkInformation(
                    firstDataObject: chunk.firstItem, lastDataObject: chunk.firstItem + chunk.items - 1,
                    maxDataObject: itemCount - 1)
                : nil
            let tail = format.chunkTail(
                description: Self.description(header.description, key: key), chunk: information,
                empty: chunk.items == 0)
            let output = try FileOutput(path: "\(directory)/\(Self.fileName(chunk.index))", append: true)
            try output.write(tail)
            try output.close()
            var hasher = chunk.hasher
            hasher.update(data: tail)
            let digest = hasher.finalize().map { String($0, radix: 16).leftPadded(2) }.joined()
            chunks.append(
                Manifest.Chunk(
                    file: Self.fileName(chunk.index), sources: Self.sourcesName(chunk.index), index: chunk.index,
                    phase: chunk.phase, items: chunk.items, firstItem: chunk.firstItem,
                    lastItem: chunk.firstItem + chunk.items - 1, bytes: chunk.bodyBytes + tail.count, sha256: digest,
                    key: key))
        }
        return chunks
    }

    /// Removes everything this writer created (after a fatal error).
    public func discard() {
        open = nil
        let count = closed.count + 1
        for index in 1...max(count, 1) {
            unlink("\(directory)/\(Self.sourcesName(index))")
            unlink("\(directory)/\(Self.fileName(index))")
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Writes the lines of a sources sidecar by hand (this runs once per item),
/// keeping the JSON of the last file name and rule, which rarely change.
struct SourceLineWriter {
    // The fixed parts of a line, as bytes once (appending a string's UTF-8 view is slower).
    private static let openIndex = Array(#"{"index":"#.utf8)
    private static let typeKey = Array(#","type":""#.utf8)
    private static let idKey = Array(#"","id":""#.utf8)
    private static let fileKey = Array(#"","file":"#.utf8)
    private static let lineKey = Array(#","line":"#.utf8)
    private static let recordKey = Array(#","record":"#.utf8)
    private static let pointerKey = Array(#","pointer":"#.utf8)
    private static let ruleKey = Array(#","rule":"#.utf8)
    private static let close = Array("}\n".utf8)
    private var file = ""
    private var fileJSON: [UInt8] = Array(#""""#.utf8)
    private var rule = ""
    private var ruleJSON: [UInt8] = Array(#""""#.utf8)

    mutating func appendLine(
        index: Int, item: ItemBuilder.Item, keys: [UInt8], location: SourceLocation, to out: inout [UInt8]
    ) {
        if location.file != file {
            file = location.file
            fileJSON.removeAll()
            JSONBytes.appendString(file, to: &fileJSON)
        }
        if item.rule != rule {
            rule = item.rule
            ruleJSON.removeAll()
            JSONBytes.appendString(rule, to: &ruleJSON)
        }
        out.append(contentsOf: Self.openIndex)
        JSONBytes.appendDecimal(index, to: &out)
        out.append(contentsOf: Self.typeKey)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.type]), to: &out) }
        out.append(contentsOf: Self.idKey)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.id]), to: &out) }
        out.append(contentsOf: Self.fileKey)
        out.append(contentsOf: fileJSON)
        out.append(contentsOf: Self.lineKey)
        JSONBytes.appendDecimal(location.line, to: &out)
        out.append(contentsOf: Self.recordKey)
        JSONBytes.appendDecimal(location.record, to: &out)
        if let pointer = location.pointer {
            out.append(contentsOf: Self.pointerKey)
            JSONBytes.appendString(pointer, to: &out)
        }
        out.append(contentsOf: Self.ruleKey)
        out.append(contentsOf: ruleJSON)
        out.append(contentsOf: Self.close)
    }
}
