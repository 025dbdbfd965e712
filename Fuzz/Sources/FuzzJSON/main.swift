import FuzzSupport
import JSONImport
import LDIFCore

/// JSON bytes through the JSON importer, as a document and as JSON lines.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let lines = count > 0 && start.load(as: UInt8.self) % 2 == 1
    let input = FuzzInput.file(start, count, extension: lines ? "jsonl" : "json")
    var options = SourceOptions()
    options.maxFieldBytes = 4096
    if !lines { options.records = count > 1 && start.load(fromByteOffset: 1, as: UInt8.self) % 2 == 0 ? "/a/*" : nil }
    FuzzInput.read(input, with: JSONImporterFactory(), options: options, paths: ["id", "a/b", "list/*/x", ".", "$key"])
    return 0
}
