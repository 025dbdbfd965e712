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

/// Writes the lines of a sources sidecar by hand (this runs once per item): each line is
/// composed through a pointer in a buffer with room for its longest form, then appended
/// at once, keeping the JSON of the last file name and rule, which rarely change.
struct SourceLineWriter {
    private static let openIndex: StaticString = #"{"index":"#
    private static let typeKey: StaticString = #","type":""#
    private static let idKey: StaticString = #"","id":""#
    private static let fileKey: StaticString = #"","file":"#
    private static let lineKey: StaticString = #","line":"#
    private static let recordKey: StaticString = #","record":"#
    private static let pointerKey: StaticString = #","pointer":"#
    private static let sheetKey: StaticString = #","sheet":"#
    private static let ruleKey: StaticString = #","rule":"#
    private static let close: StaticString = "}\n"
    /// The fixed text of a line and three decimals of at most 20 digits.
    private static let fixedBound = 128
    private var file = ""
    private var fileJSON: [UInt8] = Array(#""""#.utf8)
    private var rule = ""
    private var ruleJSON: [UInt8] = Array(#""""#.utf8)
    private var pointerJSON: [UInt8] = []
    private var sheetJSON: [UInt8] = []
    private var line: [UInt8] = Array(repeating: 0, count: 1024)

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
        pointerJSON.removeAll(keepingCapacity: true)
        if let pointer = location.pointer { JSONBytes.appendString(pointer, to: &pointerJSON) }
        sheetJSON.removeAll(keepingCapacity: true)
        if let sheet = location.sheet { JSONBytes.appendString(sheet, to: &sheetJSON) }
        let bound =
            Self.fixedBound + 6 * (item.type.count + item.id.count) + fileJSON.count + ruleJSON.count
            + pointerJSON.count + sheetJSON.count
        if line.count < bound { line = Array(repeating: 0, count: bound * 2) }
        let length = line.withUnsafeMutableBufferPointer { line in
            keys.withUnsafeBufferPointer { keys in
                var position = Self.put(Self.openIndex, line, 0)
                position = Self.put(decimal: index, line, position)
                position = Self.put(Self.typeKey, line, position)
                position = JSONBytes.escape(UnsafeBufferPointer(rebasing: keys[item.type]), to: line, at: position)
                position = Self.put(Self.idKey, line, position)
                position = JSONBytes.escape(UnsafeBufferPointer(rebasing: keys[item.id]), to: line, at: position)
                position = Self.put(Self.fileKey, line, position)
                position = Self.put(fileJSON, line, position)
                position = Self.put(Self.lineKey, line, position)
                position = Self.put(decimal: location.line, line, position)
                position = Self.put(Self.recordKey, line, position)
                position = Self.put(decimal: location.record, line, position)
                if !pointerJSON.isEmpty {
                    position = Self.put(Self.pointerKey, line, position)
                    position = Self.put(pointerJSON, line, position)
                }
                position = Self.put(Self.ruleKey, line, position)
                position = Self.put(ruleJSON, line, position)
                if !sheetJSON.isEmpty {
                    position = Self.put(Self.sheetKey, line, position)
                    position = Self.put(sheetJSON, line, position)
                }
                return Self.put(Self.close, line, position)
            }
        }
        line.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<length])) }
    }

    @inline(__always)
    private static func put(_ text: StaticString, _ line: UnsafeMutableBufferPointer<UInt8>, _ position: Int) -> Int {
        (line.baseAddress! + position).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return position + text.utf8CodeUnitCount
    }

    @inline(__always)
    private static func put(_ bytes: [UInt8], _ line: UnsafeMutableBufferPointer<UInt8>, _ position: Int) -> Int {
        bytes.withUnsafeBufferPointer { (line.baseAddress! + position).update(from: $0.baseAddress!, count: $0.count) }
        return position + bytes.count
    }

    /// A non-negative decimal (a negative one, never expected, is written as 0).
    @inline(__always)
    private static func put(decimal value: Int, _ line: UnsafeMutableBufferPointer<UInt8>, _ position: Int) -> Int {
        var rest = max(value, 0)
        var digits = 1
        var scale = 10
        while digits < 19, rest >= scale {
            digits += 1
            scale &*= 10
        }
        var at = position + digits - 1
        repeat {
            line[at] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            at -= 1
        } while rest > 0
        return position + digits
    }
}
