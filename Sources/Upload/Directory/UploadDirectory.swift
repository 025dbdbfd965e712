import Crypto
public import Foundation
public import LDIFCore

/// A directory that `convert` wrote: manifest, chunk files, sources sidecars, findings.
///
/// The uploader reads everything it sends from here and writes its ledger,
/// lock and reports beside it.
public struct UploadDirectory: Sendable {
    public static let reportName = "report.json"
    public static let errorsName = "errors.csv"
    public static let findingsName = "findings.jsonl"

    public let url: URL
    public let manifest: Manifest
    /// The chunks to upload: the manifest's, with every chunk split since (`splits.jsonl`) replaced by its halves.
    public let chunks: [Manifest.Chunk]
    /// For every chunk made by a split, the index of the chunk it is half of.
    public let parents: [Int: Int]
    /// The largest chunk index in use, split parents included; a new split numbers its halves after it.
    let highestIndex: Int

    /// Reads the manifest of `url` and checks that every chunk file is there with its size.
    ///
    /// - Throws: `ConversionError` naming the file and what to do when the directory is not a run directory.
    public init(url: URL) throws {
        self.url = url
        let manifestURL = url.appendingPathComponent(Manifest.fileName)
        guard let data = try? Data(contentsOf: manifestURL) else {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent(ConversionJob.fileName).path) {
                throw ConversionError(
                    .input,
                    "\(manifestURL.path): no manifest, the conversion of 'ldifbulk run' was interrupted; "
                        + "carry on with 'ldifbulk resume \(url.path)'")
            }
            throw ConversionError(
                .input, "\(manifestURL.path): no manifest; give a directory written by 'ldifbulk convert --out DIR'")
        }
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw ConversionError(.input, "\(manifestURL.path): not a readable manifest", underlying: "\(error)")
        }
        for chunk in manifest.chunks {
            let path = url.appendingPathComponent(chunk.file).path
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size else {
                throw ConversionError(
                    .input, "\(path): chunk \(chunk.index) is missing; convert again into a new directory")
            }
            guard size == chunk.bytes else {
                throw ConversionError(
                    .input, "\(path): \(size) bytes, the manifest says \(chunk.bytes); the chunk changed since convert")
            }
        }
        let splits = try SplitLog.read(directory: url)
        chunks = SplitLog.expand(manifest.chunks, splits: splits)
        parents = Dictionary(
            splits.flatMap { split in split.children.map { ($0.index, split.parent) } }, uniquingKeysWith: { $1 })
        highestIndex = (manifest.chunks + splits.flatMap(\.children)).map(\.index).max() ?? 0
    }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The bytes of `chunk`, checked against the manifest's sha256, exactly as they are to be sent.
    ///
    /// - Throws: `ConversionError` when the file cannot be read or its bytes changed since `convert`.
    public func bytes(of chunk: Manifest.Chunk) throws -> Data {
        let path = file(chunk.file).path
        let data: Data
        do {
            data = try Data(contentsOf: file(chunk.file))
        } catch {
            throw ConversionError(.input, "cannot read \(path): \(error.localizedDescription)")
        }
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        guard digest == chunk.sha256.lowercased() else {
            throw ConversionError(
                .input, "\(path): sha256 \(digest) differs from the manifest's; the chunk changed since convert")
        }
        return data
    }

    /// The sources sidecar of `chunk`: one entry per item, in content order.
    ///
    /// - Throws: `ConversionError` when the sidecar cannot be read; undecodable lines are skipped.
    public func itemSources(of chunk: Manifest.Chunk) throws -> [ItemSource] {
        let decoder = JSONDecoder()
        return try JSONLines.read(file(chunk.sources)).compactMap { try? decoder.decode(ItemSource.self, from: $0) }
    }
}
