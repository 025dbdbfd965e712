import CSVImport
import FuzzSupport
import LDIFCore

/// CSV bytes through the CSV importer, with a header, without one, sniffed and as latin1.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput.file(start, count, extension: "csv")
    var options = SourceOptions()
    options.maxFieldBytes = 4096
    let variant = count > 0 ? start.load(as: UInt8.self) % 4 : 0
    switch variant {
    case 1: options.header = false
    case 2: options.delimiter = .auto
    case 3: options.encoding = .latin1
    default: break
    }
    FuzzInput.read(input, with: CSVImporterFactory(blockSize: 64), options: options, paths: ["id", "name", "1", "2"])
    return 0
}
