public import Foundation
public import LDIFCore

/// The run directory's record of chunks split into halves (`splits.jsonl`), one line per split.
///
/// A chunk the server refused as too large (413) is replaced by its two
/// halves, written as chunks of their own. The line is forced to disk after
/// the halves' files and before any of them is sent, so that the directory
/// always reads as the manifest's chunks with every split parent replaced by
/// its children.
public struct SplitLog: Sendable {
    public static let fileName = "splits.jsonl"

    /// One split: a parent and the chunks that replace it.
    public struct Split: Sendable, Codable, Equatable {
        public var parent: Int
        /// Why: `tooLarge` (the server answered 413, or the chunk is at least as large as one it refused),
        /// or `failed` (its run ended FAILED twice: bisected to isolate the items that fail it).
        public var reason: String
        public var children: [Manifest.Chunk]
    }

    /// Every split recorded in `directory`, oldest first; a torn last line is skipped.
    ///
    /// - Throws: `ConversionError` when the file exists but cannot be read.
    public static func read(directory: URL) throws -> [Split] {
        let decoder = JSONDecoder()
        return try JSONLines.read(directory.appendingPathComponent(fileName)).compactMap {
            try? decoder.decode(Split.self, from: $0)
        }
    }

    /// Appends `split` and forces it to disk.
    static func append(_ split: Split, directory: URL) throws {
        let file = try AppendOnlyFile(path: directory.appendingPathComponent(fileName).path)
        try file.terminateLastLine()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try file.appendAndSync(Array(try encoder.encode(split)) + [UInt8(ascii: "\n")])
    }

    /// `chunks` with every split parent replaced by its children, recursively, in order.
    static func expand(_ chunks: [Manifest.Chunk], splits: [Split]) -> [Manifest.Chunk] {
        var children: [Int: [Manifest.Chunk]] = [:]
        for split in splits { children[split.parent] = split.children }
        func leaves(_ chunk: Manifest.Chunk) -> [Manifest.Chunk] {
            children[chunk.index].map { $0.flatMap(leaves) } ?? [chunk]
        }
        return chunks.flatMap(leaves)
    }
}
