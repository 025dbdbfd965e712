import FuzzSupport
import LDIFCore
import XMLImport

/// XML bytes through the XML importer, with nested record paths and attribute and text fields.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let input = FuzzInput.file(start, count, extension: "xml")
    var options = SourceOptions()
    options.maxFieldBytes = 4096
    let records = ["//*", "/bom/components/component", nil, "//component"]
    options.records = records[count > 0 ? Int(start.load(as: UInt8.self) % 4) : 0]
    FuzzInput.read(input, with: XMLImporterFactory(), options: options, paths: ["name", "@bom-ref", "hash/@alg", "."])
    return 0
}
