import Foundation
import YAMLBounds
import Yams

/// Reads a mapping file and compiles it into a ``MappingPlan``, listing every problem at once.
public struct MappingLoader: Sendable {
    /// Importers for lookup tables (`lookups:` read files next to the mapping).
    public var importers: [any ImporterFactory]

    public init(importers: [any ImporterFactory]) {
        self.importers = importers
    }

    /// Loads the mapping at `path`.
    ///
    /// - Throws: ``MappingError`` with every problem found, or ``ConversionError``
    ///   when the file cannot be read.
    public func load(path: String) throws -> MappingPlan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConversionError(.mapping, "cannot read mapping file \(path): \(Self.reason(path))")
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw ConversionError(.mapping, "\(path): the mapping file is not UTF-8 text")
        }
        let directory = (path as NSString).deletingLastPathComponent
        return try load(yaml: yaml, file: path, directory: directory)
    }

    /// Loads a mapping from text; `directory` is where lookup files are found.
    public func load(yaml: String, file: String, directory: String) throws(MappingError) -> MappingPlan {
        let limit = YAMLExpansion.limit(forBytes: yaml.utf8.count)
        if let line = YAMLExpansion.overflow(of: yaml, limit: limit) {
            throw MappingError([
                MappingDiagnostic(
                    file: file, line: line, path: "",
                    message: "the mapping's aliases (*name) expand to more than \(limit) YAML nodes, far more than"
                        + " its text holds; refused (an alias bomb?): repeat the anchored part less often")
            ])
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw MappingError([
                    MappingDiagnostic(file: file, line: 1, path: "", message: "the mapping file is empty")
                ])
            }
            root = node
        } catch let error as MappingError {
            throw error
        } catch {
            throw MappingError([Self.diagnostic(forYAMLError: error, file: file)])
        }
        let compiler = MappingCompiler(file: file, directory: directory, importers: importers)
        let plan = compiler.compile(root)
        guard let plan, compiler.diagnostics.isEmpty else {
            throw MappingError(compiler.diagnostics, partialPlan: plan)
        }
        return plan
    }

    static func reason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? "it is a directory" : "permission denied"
        }
        return "no such file"
    }

    static func diagnostic(forYAMLError error: any Error, file: String) -> MappingDiagnostic {
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
                .composer(_, let problem, let mark, _):
                return MappingDiagnostic(file: file, line: mark.line, path: "", message: "not valid YAML: \(problem)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                return MappingDiagnostic(
                    file: file, line: context.mark.line, path: "",
                    message: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
            default: break
            }
        }
        return MappingDiagnostic(file: file, line: 0, path: "", message: "not valid YAML: \(error)")
    }
}
