import FuzzSupport
import LDIFCore
import XLSXImport

/// Any bytes as a workbook: zip, relationships, shared strings, styles and sheet XML all come from the
/// fuzzer (seeded with real workbooks); with a header and without, one sheet and every sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput.file(start, count, extension: "xlsx")
    var options = SourceOptions()
    options.format = "xlsx"
    options.maxFieldBytes = 4096
    if count > 40 {
        let variant = start.load(fromByteOffset: 40, as: UInt8.self)
        if variant & 1 == 1 { options.header = false }
        if variant & 2 == 2 { options.sheets = ["*"] }
    }
    FuzzInput.read(input, with: XLSXImporterFactory(), options: options, paths: ["A", "B", "id", "name"])
    return 0
}
