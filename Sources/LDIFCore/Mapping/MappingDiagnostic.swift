/// One problem in a mapping file: `mappings/x.yaml:12: items[0].data.cost: unknown filter 'numbr' (did you mean 'number'?)`.
public struct MappingDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The key path in the mapping (`items[0].data.cost`).
    public var path: String
    public var message: String

    public init(file: String, line: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return path.isEmpty ? "\(place): \(message)" : "\(place): \(path): \(message)"
    }
}

/// A mapping that cannot be used, with every problem found in one pass.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [MappingDiagnostic]
    /// What could be compiled despite the problems, so that callers can find
    /// more of them (unknown columns of an input) in the same run.
    public var partialPlan: MappingPlan?

    public init(_ diagnostics: [MappingDiagnostic], partialPlan: MappingPlan? = nil) {
        self.diagnostics = diagnostics
        self.partialPlan = partialPlan
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
