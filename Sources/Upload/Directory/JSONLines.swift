import Foundation
import LDIFCore

/// Reading files of one JSON document a line (`.jsonl`).
enum JSONLines {
    /// The non-empty lines of `url`; a missing file has none.
    static func read(_ url: URL) throws -> [Data] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            let data = try Data(contentsOf: url)
            return data.split(separator: UInt8(ascii: "\n")).filter { !$0.isEmpty }
        } catch {
            throw ConversionError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
    }

    /// Calls `body` with each non-empty line of `url`, reading a block at a time so large files stay out of memory.
    static func forEach(_ url: URL, _ body: (Data) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return }
        defer { try? handle.close() }
        var pending = Data()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            pending.append(block)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                if newline > start { try body(pending[start..<newline]) }
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { try body(pending) }
    }
}
