import CSVImport
import JSONImport
import LDIFCore
import XLSXImport
import XMLImport

/// Every importer the tool has, by format.
enum Importers {
    static let all: [any ImporterFactory] = [
        CSVImporterFactory(),
        XMLImporterFactory(),
        JSONImporterFactory(),
        XLSXImporterFactory(),
    ]
}
