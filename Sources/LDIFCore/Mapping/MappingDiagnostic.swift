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

    public init(_ diagnostics: [MappingDiagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
