import Foundation

/// The run directory: chunk files, sidecars, findings, manifest (and later the upload's ledger and report).
public enum RunDirectory {
    /// Creates the directory, or checks that an existing one holds no earlier conversion.
    public static func prepare(_ path: String) throws(ConversionError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ConversionError(.output, "\(path) exists and is not a directory") }
            let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            if names.contains(Manifest.fileName) || names.contains(where: { $0.hasPrefix("chunk-") }) {
                throw ConversionError(
                    .output,
                    "\(path) already holds a conversion: choose a new --out directory, or remove the old one first")
            }
            return
        }
        do {
            try manager.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConversionError(.output, "cannot create directory \(path): \(error.localizedDescription)")
        }
    }

    /// Removes what a conversion that never finished left in `path`: chunk files and sidecars, finished or
    /// not, findings and temporary files. The rest stays (conversion record, upload settings, standard input).
    ///
    /// - Returns: the names removed.
    /// - Throws: ``ConversionError`` when the directory holds a finished conversion (a manifest) or a file
    ///   cannot be removed.
    @discardableResult
    public static func removePartialConversion(_ path: String) throws(ConversionError) -> [String] {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
        if names.contains(Manifest.fileName) {
            throw ConversionError(
                .output, "\(path) holds a finished conversion (\(Manifest.fileName)); not removing it")
        }
        let partial = names.filter {
            $0.hasPrefix("chunk-") || $0 == Converter.findingsFile || $0.hasSuffix(".tmp")
        }.sorted()
        for name in partial where unlink("\(path)/\(name)") != 0 && errno != ENOENT {
            throw ConversionError.io("remove", path: "\(path)/\(name)", errno: errno)
        }
        return partial
    }

    /// Writes a Codable value as pretty JSON through a temporary file and a rename, so readers never see half a file.
    public static func writeAtomically(_ value: some Encodable, to path: String) throws(ConversionError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(value) } catch {
            throw ConversionError(.output, "cannot encode \(path): \(error)")
        }
        let temporary = path + ".tmp"
        let output = try FileOutput(path: temporary)
        try output.write(data)
        try output.write([UInt8(ascii: "\n")])
        try output.close(sync: true)
        if rename(temporary, path) != 0 { throw ConversionError.io("rename", path: path, errno: errno) }
    }
}
