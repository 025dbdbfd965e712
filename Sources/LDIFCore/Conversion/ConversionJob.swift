import Foundation

/// The conversion `ldifbulk run` is doing, written into the run directory before it starts (`conversion.json`).
///
/// A `run` killed while converting leaves no manifest. With this record, `ldifbulk resume DIR`
/// converts again exactly as before (same options, same conversion id, hence the same chunk keys)
/// when the mapping and every input are unchanged, which ``changes()`` checks by size and sha256.
public struct ConversionJob: Sendable, Codable, Equatable {
    public static let fileName = "conversion.json"
    /// Where `run` keeps standard input, so that a resume can read it again.
    public static let standardInputName = "standard-input"
    /// Where `run` keeps an input that is a pipe or FIFO (`input-2` for the second input), for the same reason.
    public static let spooledInputPrefix = "input-"

    /// A file the conversion reads, as it was when the conversion started.
    public struct File: Sendable, Codable, Equatable {
        /// As given on the command line (`-` for standard input).
        public var name: String
        /// The absolute path read (for `-`, the copy of standard input in the run directory).
        public var path: String
        public var bytes: Int64
        public var sha256: String

        public init(name: String, path: String, bytes: Int64, sha256: String) {
            self.name = name
            self.path = path
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    /// The options of the conversion that change its output or its exit status.
    public struct Options: Sendable, Codable, Equatable {
        public var chunkItems: Int
        public var chunkBytes: Int
        public var maxFieldBytes: Int?
        public var strict: Bool
        public var maxFindings: Int

        public init(chunkItems: Int, chunkBytes: Int, maxFieldBytes: Int?, strict: Bool, maxFindings: Int) {
            self.chunkItems = chunkItems
            self.chunkBytes = chunkBytes
            self.maxFieldBytes = maxFieldBytes
            self.strict = strict
            self.maxFindings = maxFindings
        }
    }

    public var formatVersion = 1
    /// The version of the tool that started the conversion.
    public var tool: String
    /// Passed to the converter, so that a conversion done again gives its chunks the same keys.
    public var conversionId: String
    public var createdAt: String
    /// The current directory of `run`, against which relative names were read.
    public var workingDirectory: String
    public var mapping: File
    /// The files of the mapping's lookup tables; nil until the mapping was loaded (``withLookups(_:)``).
    public var lookups: [File]?
    public var inputs: [File]
    public var options: Options

    public init(
        tool: String, conversionId: String, createdAt: String, workingDirectory: String, mapping: File,
        inputs: [File], options: Options
    ) {
        self.tool = tool
        self.conversionId = conversionId
        self.createdAt = createdAt
        self.workingDirectory = workingDirectory
        self.mapping = mapping
        self.inputs = inputs
        self.options = options
    }

    /// The inputs to read: names as given, paths as recorded.
    public var inputFiles: [InputFile] { inputs.map { InputFile(name: $0.name, path: $0.path) } }

    /// Options for the converter that write into `directory` with this job's limits and conversion id.
    public func conversionOptions(directory: String, toolVersion: String) -> ConversionOptions {
        var options = ConversionOptions(
            output: .directory(directory), mappingName: mapping.name, toolVersion: toolVersion)
        options.limits = ChunkLimits(items: self.options.chunkItems, bytes: self.options.chunkBytes)
        options.maxFieldBytes = self.options.maxFieldBytes
        options.conversionId = conversionId
        options.knownInputs = inputs.map { InputFingerprint(bytes: $0.bytes, sha256: $0.sha256) }
        return options
    }

    /// The job recorded in `directory`, nil when there is none.
    ///
    /// - Throws: ``ConversionError`` when the file is there but cannot be read.
    public static func read(directory: String) throws(ConversionError) -> ConversionJob? {
        let path = "\(directory)/\(fileName)"
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(ConversionJob.self, from: data)
        } catch {
            throw ConversionError(
                .input, "\(path): not a readable conversion record; start a new 'ldifbulk run'",
                underlying: "\(error)")
        }
    }

    /// Writes the job into `directory` atomically and forced to disk.
    public func write(directory: String) throws(ConversionError) {
        try RunDirectory.writeAtomically(self, to: "\(directory)/\(Self.fileName)")
    }

    /// A new conversion id: the time and a random suffix.
    public static func newConversionId() -> String { Converter.makeConversionId() }
}
