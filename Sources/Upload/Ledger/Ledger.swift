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
    /// Where the message about a damaged ledger says to move it; its presence alone makes the next upload look chunks up.
    public static let damagedName = "ledger.damaged"

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
    /// A line torn by a crash in the middle of a write (the start of an
    /// entry, never completed) is skipped and counted: one torn line must
    /// not hide the rest. Any other line that is not an entry means the file
    /// was damaged or overwritten, and then nothing in it can be trusted.
    ///
    /// - Throws: `ConversionError` when the file cannot be read, or naming the first line that
    ///   is neither an entry nor a torn write, with what to do.
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
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (number, line) in zip(1..., lines) where !line.isEmpty {
            if let entry = try? decoder.decode(LedgerEntry.self, from: line) {
                entries.append(entry)
            } else if isTornWrite(line) {
                unreadable += 1
            } else {
                throw damaged(url, line: number)
            }
        }
        return (entries, unreadable)
    }

    /// A write cut short leaves the start of an encoded entry: `{"` and no complete JSON value.
    private static func isTornWrite(_ line: Data.SubSequence) -> Bool {
        guard line.starts(with: Array(#"{""#.utf8)) else { return false }
        return (try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])) == nil
    }

    private static func damaged(_ url: URL, line: Int) -> ConversionError {
        let directory = url.deletingLastPathComponent().path
        return ConversionError(
            .input,
            "\(url.path):\(line): not a ledger entry: the ledger was damaged or overwritten, and what it says about "
                + "the chunks cannot be trusted; nothing was sent. Move it aside (mv \(url.path) "
                + "\(directory)/\(damagedName)) and upload again: every chunk the ledger does not know is then looked "
                + "up by its key in the server's run list first, and only a chunk not found there is sent")
    }
}
