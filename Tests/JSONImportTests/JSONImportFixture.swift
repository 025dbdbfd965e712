import LDIFBulkTesting
import LDIFCore
import Testing

@testable import JSONImport

/// Runs the JSON importer over `text` with a records path and field paths.
///
/// - Parameter blockSize: bytes read at a time; small sizes make every token cross a block boundary.
func importJSON(
    _ bytes: [UInt8], records: String? = nil, paths: [String], format: String = "json",
    options: SourceOptions = SourceOptions(), blockSize: Int = JSONFile.blockSize,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> CollectingSink {
    let file = try TemporaryFile(named: "input.\(format)", bytes: bytes)
    var options = options
    options.records = records
    let selector = try JSONRecordSelector(records, format: format)
    let importer = JSONImporter(input: file.input, selector: selector, options: options, blockSize: blockSize)
    let problems = importer.bind(paths.map { FieldPath($0) })
    #expect(problems.isEmpty, "bind problems: \(problems)", sourceLocation: sourceLocation)
    let sink = CollectingSink()
    try importer.read(into: sink)
    return sink
}

func importJSON(
    _ text: String, records: String? = nil, paths: [String], format: String = "json",
    options: SourceOptions = SourceOptions(), blockSize: Int = JSONFile.blockSize,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) throws -> CollectingSink {
    try importJSON(
        Array(text.utf8), records: records, paths: paths, format: format, options: options, blockSize: blockSize,
        sourceLocation: sourceLocation)
}

/// Block sizes that put block boundaries everywhere, and the real one.
let blockSizes = [16, 17, 23, 64, JSONFile.blockSize]
