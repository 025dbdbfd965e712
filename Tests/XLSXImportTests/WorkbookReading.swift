import Foundation
import LDIFBulkTesting
import LDIFCore
import XLSXImport

/// Opens test workbooks and reads them whole, the way the converter does.
enum WorkbookReading {
    /// Every column from A to `lastColumn`, as field paths.
    static func letters(to lastColumn: Int = 8) -> [FieldPath] {
        (1...lastColumn).map { FieldPath(SourceLocation.columnLetters($0)) }
    }

    static func options(_ configure: (inout SourceOptions) -> Void = { _ in }) -> SourceOptions {
        var options = SourceOptions()
        options.format = "xlsx"
        configure(&options)
        return options
    }

    /// Reads `fixtures/xlsx/NAME` (or another fixture path) with `options`, binding `paths`.
    static func read(
        _ name: String, options: SourceOptions, paths: [FieldPath], limits: ZipLimits = ZipLimits()
    ) throws -> (sink: CollectingSink, problems: [BindProblem], importer: any RecordImporter) {
        let path = name.contains("/") ? Fixtures.path(name) : Fixtures.path("xlsx/\(name)")
        let importer = try XLSXImporterFactory(limits: limits).open(
            InputFile(name: (path as NSString).lastPathComponent, path: path), options: options)
        let problems = importer.bind(paths)
        let sink = CollectingSink()
        try importer.read(into: sink)
        return (sink, problems, importer)
    }

    /// Every value read with `header: false` and letter columns, by cell name (`Sheet!B7`).
    static func cells(of sink: CollectingSink, columns: [FieldPath]) -> [String: [String]] {
        var cells: [String: [String]] = [:]
        for record in sink.records {
            for (slot, path) in columns.enumerated() {
                guard let value = record.slots[slot].first else { continue }
                let kind: String =
                    switch value.kind {
                    case .number: "number"
                    case .bool: "bool"
                    default: "string"
                    }
                cells["\(record.location.sheet ?? "?")!\(path.text)\(record.location.line)"] = [kind, value.text]
            }
        }
        return cells
    }

    /// The reference values the fixture script wrote next to a workbook.
    static func expected(_ name: String) throws -> (cells: [String: [String]], errors: [String]) {
        let path = Fixtures.path("xlsx/\(name).expected.json")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        return (object["cells"] as? [String: [String]] ?? [:], object["errors"] as? [String] ?? [])
    }
}
