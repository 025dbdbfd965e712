import CSVImport
import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

/// What a progress line reads while a conversion runs: every byte of every phase, and the records.
struct ConversionProgressTests {
    @Test func progressCountsEveryPhasesBytesAndTheRecords() throws {
        let directory = try Fixtures.temporaryDirectory("progress")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var text = "id,name\n"
        for index in 0..<10_000 { text += "a\(index),name \(index)\n" }
        let path = try Fixtures.write(Array(text.utf8), named: "in.csv", in: directory)
        let plan = try MappingLoader(importers: [CSVImporterFactory()]).load(
            yaml: """
                ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
                items:
                  - { type: A, id: "{{ id }}", data: { name: "{{ name }}" } }
                  - { type: R, phase: 2, id: "r{{ id }}", data: { from: "{{ id }}" } }
                """, file: "m.yaml", directory: "")
        var options = ConversionOptions(output: .directory("\(directory)/run"), mappingName: "m.yaml", toolVersion: "t")
        let progress = ConversionProgress()
        options.progress = progress
        let converter = Converter(
            plan: plan, inputs: [path], importers: [CSVImporterFactory()], options: options,
            reporter: FindingReporter(maxPrinted: 0, print: { _ in }), notes: { _ in })
        let result = try converter.run()
        #expect(result.totals.itemsEmitted == 20_000)
        #expect(progress.bytesExpected == Int64(text.utf8.count) * 2)
        #expect(progress.bytesRead == progress.bytesExpected)
        // Counted every 4,096 records: the last count before the end.
        #expect(progress.records == 8192)
    }
}
