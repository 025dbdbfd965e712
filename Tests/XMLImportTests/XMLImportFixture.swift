import LDIFBulkTesting
import LDIFCore
import Testing
import XMLImport

/// Runs the XML importer over `text` with a record path and field paths.
func importXML(
    _ bytes: [UInt8], records: String?, paths: [String], options: SourceOptions = SourceOptions(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> CollectingSink {
    let file = try TemporaryFile(named: "input.xml", bytes: bytes)
    var options = options
    options.records = records
    let importer = try XMLImporterFactory().open(file.input, options: options)
    let problems = importer.bind(paths.map { FieldPath($0) })
    #expect(problems.isEmpty, "bind problems: \(problems)", sourceLocation: sourceLocation)
    let sink = CollectingSink()
    try importer.read(into: sink)
    return sink
}

func importXML(
    _ text: String, records: String?, paths: [String], options: SourceOptions = SourceOptions(),
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> CollectingSink {
    try importXML(Array(text.utf8), records: records, paths: paths, options: options, sourceLocation: sourceLocation)
}
