import Foundation

extension ConversionJob {
    /// Records a conversion about to start into `directory`: checks that the mapping and the inputs can be
    /// read, copies standard input (`-`) and every input that is not a regular file (a pipe, a FIFO)
    /// into the directory, and takes the size and sha256 of every file.
    ///
    /// Nothing is written but the copy of standard input; ``write(directory:)`` stores the job.
    /// - Throws: ``ConversionError`` naming the file that cannot be read, as the converter would.
    public static func start(
        mapping: String, inputs: [String], directory: String, options: Options, tool: String
    ) throws(ConversionError) -> ConversionJob {
        guard !inputs.isEmpty else { throw ConversionError(.usage, "no input file given") }
        let working = FileManager.default.currentDirectoryPath
        try checkMapping(mapping)
        var regular: [Bool] = []
        for name in inputs {
            if name == "-" {
                regular.append(false)
            } else {
                regular.append(try InputPreparation.isRegularFile(name))
            }
        }
        let mappingFile = try File(name: mapping, path: absolute(mapping, in: working))
        var files: [File] = []
        for (index, name) in inputs.enumerated() {
            var path = absolute(name, in: working)
            if name == "-" {
                path = absolute("\(directory)/\(standardInputName)", in: working)
                try InputPreparation.spoolStandardInput(to: path, sync: true)
            } else if !regular[index] {
                // A pipe gives its bytes once: the copy is what this conversion and any resume read.
                path = absolute("\(directory)/\(spooledInputPrefix)\(index + 1)", in: working)
                try InputPreparation.spool(name, to: path, sync: true)
            }
            files.append(try File(name: name, path: path))
        }
        return ConversionJob(
            tool: tool, conversionId: newConversionId(), createdAt: UTCTime.now(compact: false),
            workingDirectory: working, mapping: mappingFile, inputs: files, options: options)
    }

    /// This job with the files of its mapping's lookup tables, by size and sha256.
    ///
    /// They are known once the mapping is loaded, which is the first step of converting; `run` records
    /// them then, before any chunk is written.
    /// - Parameter paths: as the plan has them (``MappingPlan/lookupFiles``), relative to the current directory.
    public func withLookups(_ paths: [String]) throws(ConversionError) -> ConversionJob {
        let working = FileManager.default.currentDirectoryPath
        // Done again by a resume from elsewhere: the names stay as `run` first recorded them.
        let names = Dictionary((lookups ?? []).map { ($0.path, $0.name) }, uniquingKeysWith: { first, _ in first })
        var job = self
        job.lookups = []
        for path in paths {
            let absolute = Self.absolute(path, in: working)
            job.lookups?.append(try File(name: names[absolute] ?? path, path: absolute))
        }
        return job
    }

    /// One message for each file that is gone or changed since the job started (size, else sha256); empty when
    /// none did.
    public func changes() -> [String] {
        let mapping = [mapping.change(kind: "mapping ")]
        let lookups = (lookups ?? []).map { $0.change(kind: "lookup table ") }
        return (mapping + lookups + inputs.map { $0.change(kind: "") }).compactMap { $0 }
    }

    private static func checkMapping(_ path: String) throws(ConversionError) {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue, FileManager.default.isReadableFile(atPath: path) { return }
        throw ConversionError(.mapping, "cannot read mapping file \(path): \(MappingLoader.reason(path))")
    }

    private static func absolute(_ name: String, in directory: String) -> String {
        name.hasPrefix("/") ? name : "\(directory)/\(name)"
    }
}

extension ConversionJob.File {
    /// Fingerprints the file at `path`.
    init(name: String, path: String) throws(ConversionError) {
        guard let fingerprint = InputPreparation.fingerprint(path) else {
            throw ConversionError.io("read", path: path, errno: errno)
        }
        self.init(name: name, path: path, bytes: fingerprint.0, sha256: fingerprint.1)
    }

    /// What changed, in words; nil when the file is as it was. The size is compared first, so that a
    /// file of another size is not read at all.
    func change(kind: String) -> String? {
        var label = name == "-" ? "standard input (kept in \(path))" : kind + name
        if name != "-", name != path { label += " (\(path))" }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let size = (attributes?[.size] as? NSNumber)?.int64Value else {
            return "\(label): no longer there, or not readable"
        }
        guard size == bytes else {
            return "\(label): \(size) bytes now, \(bytes) when the conversion started"
        }
        guard let digest = InputPreparation.fingerprint(path)?.1 else {
            return "\(label): not readable any more"
        }
        guard digest == sha256 else {
            return "\(label): same size, but the content differs (sha256 now \(digest.prefix(12))…, "
                + "was \(sha256.prefix(12))…)"
        }
        return nil
    }
}
