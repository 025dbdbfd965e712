import Crypto
import Foundation
import LDIFCore

/// Writes the two halves of a chunk as chunks of their own in the run directory.
///
/// Each child gets its own LDIF file, sources sidecar, sha256 and key (the
/// parent's key with `.1` or `.2` before the closing bracket, so that neither
/// key is found inside the other's run description), and the
/// `chunkInformation` of the items it holds. Files are forced to disk before
/// the split is recorded, so that a recorded child always exists.
struct ChunkSplitter {
    let directory: UploadDirectory

    /// The halves of `parent`, numbered `firstIndex` and `firstIndex + 1`.
    ///
    /// - Throws: `ConversionError` when the parent cannot be read or the children cannot be written.
    func split(_ parent: Manifest.Chunk, firstIndex: Int) throws -> [Manifest.Chunk] {
        let bytes = try directory.bytes(of: parent)
        guard let ldif = try? JSONSerialization.jsonObject(with: bytes) as? [String: Any],
            let content = ldif["content"] as? [Any],
            content.count > 1
        else {
            throw ConversionError(
                .input, "\(directory.file(parent.file).path): cannot split a chunk of fewer than two items")
        }
        let sources = try JSONLines.read(directory.file(parent.sources))
        let middle = content.count / 2
        var children: [Manifest.Chunk] = []
        for (half, range) in [0..<middle, middle..<content.count].enumerated() {
            let suffix = ".\(half + 1)"
            let key = parent.key.hasSuffix("]") ? String(parent.key.dropLast()) + suffix + "]" : parent.key + suffix
            let stem = (parent.file as NSString).deletingPathExtension + suffix
            // Each half starts from the parent's LDIF: its description must hold the parent's key to be replaced.
            var ldif = ldif
            ldif["content"] = Array(content[range])
            if let description = ldif["description"] as? String {
                ldif["description"] = description.replacingOccurrences(of: parent.key, with: key)
            }
            if var information = ldif["chunkInformation"] as? [String: Any] {
                information["firstDataObject"] = parent.firstItem + range.lowerBound
                information["lastDataObject"] = parent.firstItem + range.upperBound - 1
                ldif["chunkInformation"] = information
            }
            let data = try JSONSerialization.data(
                withJSONObject: ldif, options: [.sortedKeys, .withoutEscapingSlashes])
            let lines = sources.count == content.count ? Array(sources[range]) : []
            let child = Manifest.Chunk(
                file: stem + ".json", sources: stem + ".sources.jsonl", index: firstIndex + half, phase: parent.phase,
                items: range.count, firstItem: parent.firstItem + range.lowerBound,
                lastItem: parent.firstItem + range.upperBound - 1, bytes: data.count,
                sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), key: key)
            try write(data, to: child.file)
            try write(Self.reindexed(lines, by: range.lowerBound), to: child.sources)
            children.append(child)
        }
        return children
    }

    /// Sidecar lines with their in-chunk `index` shifted to the child's first item.
    private static func reindexed(_ lines: [Data], by offset: Int) -> Data {
        var out = Data()
        for line in lines {
            var written = line
            if var entry = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                let index = entry["index"] as? Int
            {
                entry["index"] = index - offset
                written = (try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])) ?? line
            }
            out += written
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    private func write(_ data: Data, to name: String) throws {
        let path = directory.file(name).path
        do {
            try data.write(to: directory.file(name))
            let file = try AppendOnlyFile(path: path)
            try file.appendAndSync([])
        } catch let error as ConversionError {
            throw error
        } catch {
            throw ConversionError(.io, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
