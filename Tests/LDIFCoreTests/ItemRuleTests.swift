import LDIFCore
import Testing

struct ItemRuleTests {
    static let rows: [[String]] = [
        ["id", "status", "deps", "note"],
        ["1", "active", "a;b", ""],
        ["2", "Retired", "", "x"],
        ["3", "planned", "c", ""],
    ]

    func ids(_ rules: String, file extra: String = "") throws -> (ids: [String], result: Converted) {
        let result = try convert(header + "\n\(extra)\nitems:\n" + rules, tables: ["t": Self.rows])
        let ids = result.items.map { item in
            String(item.split(separator: "\"id\":\"")[1].prefix { $0 != "\"" })
        }
        return (ids, result)
    }

    @Test(arguments: [
        (#"[{ value: "{{ status | lower }}", in: [active, planned] }]"#, ["1", "3"]),
        (#"[{ value: "{{ status }}", equals: Retired }]"#, ["2"]),
        (#"[{ value: "{{ note }}", present: false }]"#, ["1", "3"]),
        (#"[{ value: "{{ status }}", matches: '^(a|p)' }]"#, ["1", "3"]),
        (#"[{ value: "{{ status }}", notEquals: active }, { value: "{{ note }}", present: true }]"#, ["2"]),
    ])
    func conditions(when: String, expected: [String]) throws {
        let (ids, result) = try self.ids("  - { type: T, id: '{{ id }}', when: \(when) }\n")
        #expect(ids == expected)
        #expect(result.result.totals.recordsFiltered == 3 - expected.count)
        #expect(result.findings.isEmpty)
    }

    @Test func eachMakesOneItemPerElement() throws {
        let (ids, result) = try self.ids(
            "  - { type: R, each: '{{ deps | split: \";\" }}', id: '{{ id }}-{{ $each }}', data: { n: '{{ $record }}' } }\n"
        )
        #expect(ids == ["1-a", "1-b", "3-c"])
        #expect(result.items[1].contains(#""n":1"#))
        // A record whose list is empty makes no item and is counted as filtered.
        #expect(result.result.totals.recordsFiltered == 1)
    }

    @Test func emptyValuesCanBeKept() throws {
        let (_, dropped) = try self.ids("  - { type: T, id: '{{ id }}', data: { note: '{{ note }}' } }\n")
        #expect(dropped.items[0].contains(#""data":{}"#))
        let (_, kept) = try self.ids(
            "  - { type: T, id: '{{ id }}', data: { note: '{{ note }}' } }\n", file: "emptyValues: keep")
        #expect(kept.items[0].contains(#""data":{"note":""}"#))
    }

    @Test func emptyIdIsAnErrorAndNoItem() throws {
        let (ids, result) = try self.ids("  - { type: T, id: '{{ note }}' }\n")
        #expect(ids == ["x"])
        #expect(result.findings.map(\.code) == ["empty-id", "empty-id"])
        #expect(result.result.totals.recordsRejected == 2)
    }

    @Test func duplicatesAllowPassesThemOn() throws {
        let (ids, result) = try self.ids("  - { type: T, id: 'same' }\n", file: "duplicates: allow")
        #expect(ids == ["same", "same", "same"])
        #expect(result.findings.isEmpty)
    }

    @Test func duplicatesErrorFailsTheConversion() throws {
        #expect(throws: ConversionError.self) {
            _ = try self.ids("  - { type: T, id: 'same' }\n", file: "duplicates: error")
        }
    }
}
