public import Foundation
import LDIFCore

/// The run directory's append-only record of what happened to every chunk (`ledger.jsonl`).
///
/// One JSON line per state change, forced to disk before the network step
/// that depends on it: a `submitting` line is on disk before its create is
/// sent, so that after any crash the chunk is looked up by its key rather
/// than sent twice. The report and a resume are derived from manifest and
/// ledger alone. Owned by one upload session, which serialises its writes.
public final class Ledger {
    public static let fileName = "ledger.jsonl"

    private let file: AppendOnlyFile
    private let encoder: JSONEncoder

    /// Opens the ledger of `directory`, creating it when there is none.
    ///
    /// - Throws: `ConversionError` with code `.io` when the file cannot be opened.
    public init(directory: URL) throws {
        file = try AppendOnlyFile(path: directory.appendingPathComponent(Self.fileName).path)
        try file.terminateLastLine()
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Appends `entries` as lines and forces them to disk before returning.
    public func append(_ entries: [LedgerEntry]) throws {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes += try encoder.encode(entry)
            bytes.append(UInt8(ascii: "\n"))
        }
        try file.appendAndSync(bytes)
    }

    /// Appends one entry and forces it to disk.
    public func append(_ entry: LedgerEntry) throws {
        try append([entry])
    }

    /// Every readable entry of the ledger in `directory`, oldest first; none when there is no ledger.
    ///
    /// A line that does not decode is skipped and counted: the last line may
    /// be torn by a crash in the middle of a write, and one bad line must
    /// not hide the rest.
    public static func read(directory: URL) throws -> (entries: [LedgerEntry], unreadable: Int) {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], 0) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConversionError(.io, "cannot read \(url.path): \(error.localizedDescription)")
        }
        let decoder = JSONDecoder()
        var entries: [LedgerEntry] = []
        var unreadable = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let entry = try? decoder.decode(LedgerEntry.self, from: line) {
                entries.append(entry)
            } else {
                unreadable += 1
            }
        }
        return (entries, unreadable)
    }
}
