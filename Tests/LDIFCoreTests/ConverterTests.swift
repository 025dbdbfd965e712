import Foundation
import LDIFCore
import Testing

struct ConverterTests {
    static let apps: [[String]] = [
        ["id", "name", "cost", "status", "deps"],
        ["A1", "HR Portal", "12.50", "active", "X;Y"],
        ["A2", "", "7", "retired", ""],
        ["A3", "Billing", "n/a", "active", "Y"],
    ]

    @Test func plainCopiesAndEmptyFieldsLeftOut() throws {
        let result = try convert(
            header + """

                items:
                  - type: Application
                    id: "{{ id }}"
                    data: { name: "{{ name }}", label: "app {{ name }}" }
                """, tables: ["apps": Self.apps])
        #expect(
            result.items == [
                #"{"data":{"label":"app HR Portal","name":"HR Portal"},"id":"A1","type":"Application"}"#,
                #"{"data":{"label":"app "},"id":"A2","type":"Application"}"#,
                #"{"data":{"label":"app Billing","name":"Billing"},"id":"A3","type":"Application"}"#,
            ])
        #expect(result.result.totals.recordsRead == 3)
        #expect(result.result.totals.recordsEmitted == 3)
    }

    @Test func everyRecordIsAccountedFor() throws {
        let result = try convert(
            header + """

                items:
                  - type: Application
                    id: "{{ id }}"
                    when: [{ value: "{{ status }}", notEquals: retired }]
                    data: { name: "{{ name | required }}", cost: "{{ cost | number }}" }
                """, tables: ["apps": Self.apps])
        let totals = result.result.totals
        #expect(totals.recordsRead == 3)
        #expect(totals.recordsFiltered == 1)
        #expect(totals.recordsEmitted == 2)
        #expect(totals.recordsRejected == 0)
        #expect(totals.recordsEmitted + totals.recordsFiltered + totals.recordsRejected == totals.recordsRead)
        #expect(result.items.last == #"{"data":{"name":"Billing"},"id":"A3","type":"Application"}"#)
        let warning = try #require(result.findings.first)
        #expect(warning.severity == .warning)
        #expect(warning.rule == "items[0].data.cost")
        #expect(warning.location?.record == 3)
        #expect(warning.message.contains("'n/a' is not a number"))
    }

    @Test func requiredEmptyRejectsTheRecord() throws {
        let result = try convert(
            header + """

                items:
                  - type: Application
                    id: "{{ id }}"
                    data: { name: "{{ name | required }}" }
                """, tables: ["apps": Self.apps])
        #expect(result.items.count == 2)
        #expect(result.result.totals.recordsRejected == 1)
        #expect(result.result.findings.error == 1)
        #expect(result.findings.first?.itemId == "A2")
    }

    @Test func relationsComeAfterEveryFactSheetInTheirOwnChunks() throws {
        let result = try convert(
            header + """

                items:
                  - type: Relation
                    phase: 2
                    each: "{{ deps | split: ';' }}"
                    id: "{{ id }}-{{ $each }}"
                    data: { from: "{{ id }}", to: "{{ $each }}" }
                  - type: Application
                    id: "{{ id }}"
                    data: { name: "{{ name }}" }
                """, tables: ["apps": Self.apps], limits: ChunkLimits(items: 2))
        let types = result.items.map { $0.contains("Relation") ? "R" : "A" }
        #expect(types == ["A", "A", "A", "R", "R", "R"])
        let phases = result.result.manifest?.chunks.map(\.phase)
        #expect(phases == [1, 1, 2, 2])
        #expect(result.result.totals.recordsEmitted == 3)
    }

    @Test func duplicatesAreErrorsNamingTheFirstSource() throws {
        let rows = [["id", "name"], ["A", "one"], ["B", "two"], ["A", "three"]]
        let result = try convert(
            header + """

                items:
                  - { type: Application, id: "{{ id }}", data: { name: "{{ name }}" } }
                """, tables: ["apps": rows])
        #expect(result.items.count == 2)
        let finding = try #require(result.findings.first)
        #expect(finding.code == "duplicate")
        #expect(finding.message.contains("apps record 1"))
        #expect(finding.location?.record == 3)
        #expect(result.result.totals.recordsRejected == 1)
    }

    @Test func chunksRespectTheItemLimitAndCarryKeys() throws {
        let rows = [["id"]] + (1...7).map { ["id\($0)"] }
        let result = try convert(
            header + """

                items:
                  - { type: Application, id: "{{ id }}" }
                """, tables: ["apps": rows], limits: ChunkLimits(items: 3))
        let chunks = try #require(result.result.manifest?.chunks)
        #expect(chunks.map(\.items) == [3, 3, 1])
        #expect(chunks.map(\.firstItem) == [0, 3, 6])
        #expect(chunks.map(\.lastItem) == [2, 5, 6])
        #expect(chunks[1].key.hasSuffix(" 2/3]"))
        #expect(result.items.count == 7)
    }
}
