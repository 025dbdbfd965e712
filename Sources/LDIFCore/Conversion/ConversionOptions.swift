/// How a conversion runs and where it writes.
public struct ConversionOptions: Sendable {
    public enum Output: Sendable, Equatable {
        /// Chunk files, sidecars, findings and the manifest in a run directory.
        case directory(String)
        /// One LDIF on standard output.
        case standardOutput
        /// Nothing: `validate`.
        case none
    }

    public var output: Output
    public var limits = ChunkLimits()
    public var pretty = false
    /// Overrides the mapping's `source` limit when set.
    public var maxFieldBytes: Int?
    /// The mapping file as the user named it (for the manifest).
    public var mappingName: String
    public var toolVersion: String
    /// A fixed conversion id (for reproducible output); a new one is made when nil.
    public var conversionId: String?
    /// Size and sha256 of each input when already known (a recorded `run` hashed them before
    /// converting): the manifest takes them instead of reading every input once more.
    public var knownInputs: [InputFingerprint]?
    /// Updated as the conversion goes, for a progress line; nil when no one watches.
    public var progress: ConversionProgress?

    public init(output: Output, mappingName: String, toolVersion: String) {
        self.output = output
        self.mappingName = mappingName
        self.toolVersion = toolVersion
    }
}

/// What a conversion did.
public struct ConversionResult: Sendable {
    public var totals: Manifest.Totals
    public var findings: Manifest.FindingCounts
    /// The manifest, when the output was a directory.
    public var manifest: Manifest?
    /// Whether an input broke off midway (its earlier records were kept).
    public var brokenInputs: Int
}

/// The size and sha256 of an input file.
public struct InputFingerprint: Sendable, Equatable {
    public var bytes: Int64
    public var sha256: String

    public init(bytes: Int64, sha256: String) {
        self.bytes = bytes
        self.sha256 = sha256
    }
}
