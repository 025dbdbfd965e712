import LDIFCore

/// Any text as one data template of a valid mapping: the template parser and compiler must report,
/// never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    // A YAML single-quoted scalar holds any text once its quotes are doubled.
    let quoted = "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    let yaml = """
        ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
        maps: { m: { "1": one } }
        items:
          - type: T
            id: x
            data: { v: \(quoted) }
        """
    do {
        _ = try MappingLoader(importers: []).load(yaml: yaml, file: "fuzz.yaml", directory: "")
    } catch {
        for diagnostic in error.diagnostics { _ = diagnostic.description }
    }
    return 0
}
