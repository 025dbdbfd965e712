import Crypto
import Foundation

extension ChunkWriter {
    /// Writes every chunk's final file (header, items, closing) and returns the manifest entries.
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
            let head = format.head(
                header, description: Self.description(header.description, key: key), chunk: information)
            let path = "\(directory)/\(Self.fileName(chunk.index))"
            let (bytes, digest) = try assemble(
                head: head, partPath: partPath(chunk.index), tail: format.tail(empty: chunk.items == 0), into: path)
            chunks.append(
                Manifest.Chunk(
                    file: Self.fileName(chunk.index), sources: Self.sourcesName(chunk.index), index: chunk.index,
                    phase: chunk.phase, items: chunk.items, firstItem: chunk.firstItem,
                    lastItem: chunk.firstItem + chunk.items - 1, bytes: bytes, sha256: digest, key: key))
        }
        return chunks
    }

    /// Copies head + part file + tail into the final file, hashing as it goes; removes the part file.
    private func assemble(head: [UInt8], partPath: String, tail: [UInt8], into path: String) throws(ConversionError)
        -> (Int, String)
    {
        let output = try FileOutput(path: path)
        var hasher = SHA256()
        hasher.update(data: head)
        try output.write(head)
        let input = Foundation.open(partPath, O_RDONLY | O_CLOEXEC)
        if input < 0 { throw ConversionError.io("open", path: partPath, errno: errno) }
        defer { Foundation.close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ConversionError.io("read", path: partPath, errno: errno)
            }
            if count == 0 { break }
            hasher.update(data: buffer[0..<count])
            try output.write(buffer[0..<count])
        }
        hasher.update(data: tail)
        try output.write(tail)
        try output.close()
        unlink(partPath)
        let digest = hasher.finalize().map { String($0, radix: 16).leftPadded(2) }.joined()
        return (output.bytesWritten, digest)
    }

    /// Removes everything this writer created (after a fatal error).
    public func discard() {
        open = nil
        let count = closed.count + 1
        for index in 1...max(count, 1) {
            unlink(partPath(index))
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
        out.append(contentsOf: #"{"index":"#.utf8)
        JSONBytes.appendDecimal(index, to: &out)
        out.append(contentsOf: #","type":""#.utf8)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.type]), to: &out) }
        out.append(contentsOf: #"","id":""#.utf8)
        keys.withUnsafeBytes { JSONBytes.appendEscaped(UnsafeRawBufferPointer(rebasing: $0[item.id]), to: &out) }
        out.append(contentsOf: #"","file":"#.utf8)
        out.append(contentsOf: fileJSON)
        out.append(contentsOf: #","line":"#.utf8)
        JSONBytes.appendDecimal(location.line, to: &out)
        out.append(contentsOf: #","record":"#.utf8)
        JSONBytes.appendDecimal(location.record, to: &out)
        if let pointer = location.pointer {
            out.append(contentsOf: #","pointer":"#.utf8)
            JSONBytes.appendString(pointer, to: &out)
        }
        out.append(contentsOf: #","rule":"#.utf8)
        out.append(contentsOf: ruleJSON)
        out.append(contentsOf: "}\n".utf8)
    }
}
