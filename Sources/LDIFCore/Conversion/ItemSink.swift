import Foundation

/// Where built items go: chunk files, standard output, or nowhere.
protocol ItemSink: AnyObject {
    /// Adds an item whose bytes are in `json` and whose type and id are in `keys`.
    func add(_ item: ItemBuilder.Item, json: [UInt8], keys: [UInt8], phase: Int, location: SourceLocation)
        throws(ConversionError) -> Finding?
    /// The `json` array given to ``add(_:json:keys:phase:location:)`` is about to be reused: let go of it.
    func endBatch() throws(ConversionError)
    func finish() throws(ConversionError) -> [Manifest.Chunk]
    func discard()
}

extension ItemSink {
    func endBatch() throws(ConversionError) {}
}

extension ChunkWriter: ItemSink {
    func endBatch() throws(ConversionError) { try writePending() }
}

/// One LDIF on standard output, items streamed as they come.
final class StandardOutputSink: ItemSink {
    let output = FileOutput(descriptor: STDOUT_FILENO, name: "standard output", capacity: 1 << 18)
    let format: LDIFFormat
    var count = 0
    var scratch: [UInt8] = []
    var pending = PendingItems()

    init(header: LDIFHeader, pretty: Bool) throws(ConversionError) {
        format = LDIFFormat(pretty: pretty)
        try output.write(format.head(header, description: header.description, chunk: nil))
    }

    func add(_ item: ItemBuilder.Item, json: [UInt8], keys: [UInt8], phase: Int, location: SourceLocation)
        throws(ConversionError) -> Finding?
    {
        if format.pretty {
            scratch.removeAll(keepingCapacity: true)
            scratch.append(contentsOf: count == 0 ? format.firstItemPrefix : format.separator)
            format.appendItem(json[item.json], to: &scratch)
            try output.write(scratch)
        } else {
            try pending.add(item.json, of: json, first: count == 0, to: output)
        }
        count += 1
        return nil
    }

    func endBatch() throws(ConversionError) { try pending.write(to: output) }

    func finish() throws(ConversionError) -> [Manifest.Chunk] {
        try pending.write(to: output)
        try output.write(format.tail(empty: count == 0))
        try output.close()
        return []
    }

    func discard() {
        pending.discard()
        try? output.flush()
    }
}

extension Converter {
    func makeSink(conversionId: String) throws -> (any ItemSink)? {
        switch options.output {
        case .none:
            return nil
        case .standardOutput:
            return try StandardOutputSink(header: plan.header, pretty: options.pretty)
        case .directory(let directory):
            try RunDirectory.prepare(directory)
            return ChunkWriter(
                directory: directory, limits: options.limits, header: plan.header, pretty: options.pretty,
                conversionId: conversionId)
        }
    }

    func writeManifest(conversionId: String, chunks: [Manifest.Chunk], fingerprints: [(Int64, String)?]) throws
        -> Manifest?
    {
        guard case .directory(let directory) = options.output else { return nil }
        let inputs = files.enumerated().map { index, file in
            Manifest.Input(
                name: file.name, format: plan.source.format(for: file), bytes: fingerprints[index]?.0 ?? 0,
                sha256: fingerprints[index]?.1 ?? "", records: recordCount(ofFile: index))
        }
        let manifest = Manifest(
            tool: "ldifbulk \(options.toolVersion)", conversionId: conversionId,
            createdAt: UTCTime.now(compact: false), mapping: options.mappingName, inputs: inputs,
            header: plan.header, chunks: chunks, totals: totals, findings: reporter.counts)
        try RunDirectory.writeAtomically(manifest, to: "\(directory)/\(Manifest.fileName)")
        return manifest
    }

    func recordCount(ofFile index: Int) -> Int {
        let end = index + 1 < fileBases.count ? fileBases[index + 1] : totals.recordsRead
        return end - fileBases[index]
    }
}

/// Hashes the inputs on another thread while the conversion reads them (for the manifest, and to
/// hold later phases to what the first one read), at the lowest priority (Linux gives each thread its own).
final class FingerprintTask: @unchecked Sendable {
    private let group = DispatchGroup()
    private var results: [(Int64, String)?]

    /// - Parameter needed: false when nothing will ask (no manifest, one phase): nothing is read then.
    init(_ files: [InputFile], needed: Bool) {
        results = Array(repeating: nil, count: files.count)
        if !needed { return }
        group.enter()
        let thread = Thread { [self] in
            // The lowest priority: the hashing takes the moments the conversion's threads leave a
            // core idle (waiting on each other) instead of a share of the cores they need.
            #if canImport(Glibc)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
            #endif
            for (index, file) in files.enumerated() {
                results[index] = file.handle?.fingerprint() ?? InputPreparation.fingerprint(file.path)
            }
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func wait() -> [(Int64, String)?] {
        group.wait()
        return results
    }
}
