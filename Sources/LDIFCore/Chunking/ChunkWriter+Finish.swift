import Crypto
import Foundation

extension ChunkWriter {
    /// Appends every chunk's tail (description with its key, `chunkInformation`) and returns the manifest entries.
    public func finish() throws(ConversionError) -> [Manifest.Chunk] {
        try writePending()
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
        pending.discard()
        let count = closed.count + 1
        for index in 1...max(count, 1) {
            unlink("\(directory)/\(Self.sourcesName(index))")
            unlink("\(directory)/\(Self.fileName(index))")
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the bytes of a static string.
    @inline(__always)
    mutating func append(static text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
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
    // The fixed parts of a line, appended from static text: no array to retain, no string to decode.
    private static let openIndex: StaticString = #"{"index":"#
    private static let typeKey: StaticString = #","type":""#
    private static let idKey: StaticString = #"","id":""#
    private static let fileKey: StaticString = #"","file":"#
    private static let lineKey: StaticString = #","line":"#
    private static let recordKey: StaticString = #","record":"#
    private static let pointerKey: StaticString = #","pointer":"#
    private static let ruleKey: StaticString = #","rule":"#
    private static let close: StaticString = "}\n"
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
        out.append(static: Self.openIndex)
        JSONBytes.appendDecimal(index, to: &out)
        out.append(static: Self.typeKey)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.type]), to: &out) }
        out.append(static: Self.idKey)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.id]), to: &out) }
        out.append(static: Self.fileKey)
        out.append(contentsOf: fileJSON)
        out.append(static: Self.lineKey)
        JSONBytes.appendDecimal(location.line, to: &out)
        out.append(static: Self.recordKey)
        JSONBytes.appendDecimal(location.record, to: &out)
        if let pointer = location.pointer {
            out.append(static: Self.pointerKey)
            JSONBytes.appendString(pointer, to: &out)
        }
        out.append(static: Self.ruleKey)
        out.append(contentsOf: ruleJSON)
        out.append(static: Self.close)
    }
}
