public import Foundation
import LDIFCore

/// Writes a file so that readers see the old or the new content, never half of one.
enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it over `url`.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw ConversionError.io("rename to", path: url.path, errno: errno)
            }
        } catch let error as ConversionError {
            throw error
        } catch {
            throw ConversionError(.output, "cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

extension AtomicFile {
    /// Writes a file piece by piece through `body`, then renames it over `url`; memory stays bounded.
    static func stream(to url: URL, _ body: (_ write: (String) throws -> Void) throws -> Void) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: temporary)
        else { throw ConversionError(.output, "cannot create \(temporary.path)") }
        var buffer = Data()
        do {
            defer { try? handle.close() }
            try body { text in
                buffer.append(contentsOf: text.utf8)
                if buffer.count >= 1 << 20 {
                    try handle.write(contentsOf: buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            try handle.write(contentsOf: buffer)
        }
        if rename(temporary.path, url.path) != 0 { throw ConversionError.io("rename to", path: url.path, errno: errno) }
    }
}

extension UploadReport {
    /// The report as pretty, sorted JSON, the form written to `report.json`.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Writes the report to `url` atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(try encoded(), to: url)
    }
}
