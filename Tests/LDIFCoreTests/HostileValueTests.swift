import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

@testable import LDIFCore

/// Values made to cost time or memory: each is bounded, and a value that passes a bound gets a finding.
struct HostileValueTests {
    static let bomb = String(repeating: "a", count: 40) + "!"

    @Test func aMatchFilterThatBacktracksTooLongRefusesTheValue() throws {
        let result = try convert(
            header + """

                items:
                  - type: T
                    id: "{{ id }}"
                    data: { m: '{{ v | match: "(a+)+$" }}', n: "{{ v }}" }
                """, tables: ["t": [["id", "v"], ["1", Self.bomb], ["2", "aaa"]]])
        #expect(result.items.count == 2)
        #expect(!result.items[0].contains(#""m""#) && result.items[1].contains(#""m":"aaa""#))
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("backtrack past"))
        #expect(finding.location?.record == 1)
    }

    @Test func aMatchesConditionThatBacktracksTooLongRejectsTheRecord() throws {
        let result = try convert(
            header + """

                items:
                  - type: T
                    id: "{{ id }}"
                    when: [{ value: "{{ v }}", matches: '(a+)+$' }]
                """, tables: ["t": [["id", "v"], ["1", Self.bomb], ["2", "aaa"]]])
        #expect(result.items == [#"{"data":{},"id":"2","type":"T"}"#])
        let finding = try #require(result.findings.first)
        #expect(finding.code == "regex-too-complex")
        #expect(finding.severity == .error)
        #expect(result.result.totals.recordsRejected == 1)
    }

    @Test func itemsOfOneLongEachGoOnBeforeTheListEnds() throws {
        let count = ItemBuilder.partItems * 3 + 5
        let list = (1...count).map { "e\($0)" }.joined(separator: ";")
        let converter = try makeConverter(
            header + """

                items:
                  - type: T
                    each: "{{ v | split: ';' }}"
                    id: "{{ $each }}"
                """, tables: ["t": [["id", "v"], ["1", list], ["2", "x;y"]]])
        let result = try converter.run()
        #expect(result.totals.itemsEmitted == count + 2)
        #expect(result.totals.recordsEmitted == 2)
        // Structural: the builder never held the whole list's items at once.
        #expect(converter.builder.mostItemsHeld <= ItemBuilder.partItems)
    }

    @Test func aDuplicateWithinOneLongEachIsStillFound() throws {
        let list = (1...(ItemBuilder.partItems + 10)).map { "e\($0)" }.joined(separator: ";") + ";e1"
        let result = try convert(
            header + """

                items:
                  - { type: T, each: "{{ v | split: ';' }}", id: "{{ $each }}" }
                """, tables: ["t": [["id", "v"], ["1", list]]])
        // Every item once, in the list's order, across the parts the record went on in.
        let ids = (1...(ItemBuilder.partItems + 10)).map { #"{"data":{},"id":"e\#($0)","type":"T"}"# }
        #expect(result.items == ids)
        #expect(result.findings.map(\.code) == ["duplicate"])
        #expect(result.result.totals.recordsRead == 1)
    }
}

/// A converter over in-memory tables that writes nothing (`validate`), for tests that look inside it.
private func makeConverter(_ yaml: String, tables: [String: [[String]]]) throws -> Converter {
    let factory = TableImporterFactory(tables)
    let plan = try MappingLoader(importers: [factory]).load(
        yaml: yaml + "\nsource: { format: table }\n", file: "test.yaml", directory: "")
    let inputDirectory = try Fixtures.temporaryDirectory("inputs")
    let names = try tables.keys.sorted().map { try Fixtures.write([], named: $0, in: inputDirectory) }
    let options = ConversionOptions(output: .none, mappingName: "test.yaml", toolVersion: "test")
    return Converter(
        plan: plan, inputs: names, importers: [factory], options: options,
        reporter: FindingReporter(maxPrinted: 0, print: { _ in }), notes: { _ in })
}
