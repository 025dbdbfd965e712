import CSVImport
import Foundation
import LDIFBulkTesting
import LDIFCore

/// What reading one CSV file gave.
struct Imported {
    var names: [String]?
    var sink: CollectingSink
    var bindProblems: [BindProblem]
    var transcript: [String] { sink.transcript }
}

/// Writes `bytes` to a real temporary file named like `data/x.csv`, opens it with the
/// CSV importer, binds `columns` (default: every column), and reads it.
func importCSV(
    _ bytes: [UInt8], options: SourceOptions = SourceOptions(), columns: [String]? = nil,
    blockSize: Int = 1 << 18, name: String = "data/x.csv"
) throws -> Imported {
    let directory = try Fixtures.temporaryDirectory("csv")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = try Fixtures.write(bytes, named: "input.csv", in: directory)
    let importer = try CSVImporterFactory(blockSize: blockSize).open(
        InputFile(name: name, path: path), options: options)
    let problems = importer.bind((columns ?? importer.fieldNames ?? []).map { FieldPath($0) })
    let sink = CollectingSink()
    try importer.read(into: sink)
    return Imported(names: importer.fieldNames, sink: sink, bindProblems: problems)
}

func importCSV(
    _ text: String, options: SourceOptions = SourceOptions(), columns: [String]? = nil,
    blockSize: Int = 1 << 18, name: String = "data/x.csv"
) throws -> Imported {
    try importCSV(Array(text.utf8), options: options, columns: columns, blockSize: blockSize, name: name)
}

extension SourceOptions {
    /// Options in one expression: `.csv(delimiter: ";", header: false)`.
    static func csv(
        delimiter: SourceOptions.Delimiter = .byte(0x2C), header: Bool = true, columns: [String]? = nil,
        encoding: SourceOptions.Encoding = .utf8, maxFieldBytes: Int = 1 << 20, trim: Bool = false
    ) -> SourceOptions {
        var options = SourceOptions()
        options.trim = trim
        options.delimiter = delimiter
        options.header = header
        options.columns = columns
        options.encoding = encoding
        options.maxFieldBytes = maxFieldBytes
        return options
    }
}
