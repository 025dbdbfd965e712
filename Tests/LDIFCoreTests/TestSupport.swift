import Foundation
import LDIFBulkTesting
import LDIFCore

/// Loads a mapping from text against in-memory tables.
func loadPlan(_ yaml: String, tables: [String: [[String]]] = [:]) throws -> MappingPlan {
    try MappingLoader(importers: [TableImporterFactory(tables)]).load(yaml: yaml, file: "test.yaml", directory: "")
}

/// The diagnostics a broken mapping gives, as text lines.
func diagnostics(_ yaml: String) -> [String] {
    do {
        _ = try loadPlan(yaml)
        return []
    } catch {
        return (error as? MappingError)?.diagnostics.map(\.description) ?? ["\(error)"]
    }
}

/// Converts in-memory tables and returns the items as JSON lines plus the result and findings.
struct Converted {
    var items: [String]
    var result: ConversionResult
    var findings: [Finding]
}

func convert(_ yaml: String, tables: [String: [[String]]], inputs: [String]? = nil, limits: ChunkLimits = ChunkLimits())
    throws -> Converted
{
    let factory = TableImporterFactory(tables)
    var source = yaml
    if !yaml.contains("source:") { source += "\nsource: { format: table }\n" }
    let plan = try MappingLoader(importers: [factory]).load(yaml: source, file: "test.yaml", directory: "")
    let directory = try Fixtures.temporaryDirectory("convert")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let inputDirectory = try Fixtures.temporaryDirectory("inputs")
    defer { try? FileManager.default.removeItem(atPath: inputDirectory) }
    let names = try (inputs ?? tables.keys.sorted()).map { try Fixtures.write([], named: $0, in: inputDirectory) }
    var options = ConversionOptions(output: .directory(directory), mappingName: "test.yaml", toolVersion: "test")
    options.limits = limits
    let collected = FindingBox()
    let reporter = FindingReporter(maxPrinted: 0, print: { _ in })
    let converter = Converter(
        plan: plan, inputs: names, importers: [factory], options: options, reporter: reporter,
        notes: { _ in })
    let result = try converter.run()
    _ = collected
    var items: [String] = []
    for chunk in result.manifest?.chunks ?? [] {
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(chunk.file)"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for item in object["content"] as! [Any] {
            let json = try JSONSerialization.data(
                withJSONObject: item, options: [.sortedKeys, .withoutEscapingSlashes])
            items.append(String(decoding: json, as: UTF8.self))
        }
    }
    if let text = try? String(contentsOfFile: "\(directory)/findings.jsonl", encoding: .utf8) {
        for line in text.split(separator: "\n") {
            collected.findings.append(try JSONDecoder().decode(Finding.self, from: Data(line.utf8)))
        }
    }
    return Converted(items: items, result: result, findings: collected.findings)
}

final class FindingBox {
    var findings: [Finding] = []
}

let header = """
    ldif: { connectorType: csvImport, connectorId: apps, connectorVersion: 1.0.0 }
    """
