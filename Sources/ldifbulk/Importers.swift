import CSVImport
import LDIFCore

/// Every importer the tool has, by format.
enum Importers {
    static let all: [any ImporterFactory] = [CSVImporterFactory()]
}
