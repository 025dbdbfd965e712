import JSONImport
import LDIFCore
import XMLImport

/// Every importer the tool has, by format. (The importers land in their own changes.)
enum Importers {
    static let all: [any ImporterFactory] = [
        XMLImporterFactory(),
        JSONImporterFactory(),
    ]
}
