import CSVImport
import JSONImport
import LDIFCore
import XMLImport
import XLSXImport

/// Every importer the tool has, by format.
enum Importers {
    static let all: [any ImporterFactory] = [
        CSVImporterFactory(),
        XMLImporterFactory(),
        JSONImporterFactory(),
        XLSXImporterFactory(),
    ]
}
