import Testing

@testable import LDIFCore

/// The byte path must give exactly what the general path gives, findings included,
/// for every value: it may only give up, never answer differently.
struct BytePathTests {
    static let values = [
        "  HR  ", "HR", "\u{00A0}x", "x\u{00A0}", "x\u{2003}", " \u{0301}x", "x \u{0301}", "x\u{0301}", "Ærø", " Ærø ",
        "1", "2", "9", "é", "e\u{0301}", "12.50", "42", "0.5", "-3", "yes", " No ", "TRUE", "01.03.2024", "31.02.2024",
        "1.3.2024", "a;b; c", "; ;", "ÄBC", "ABC;Def", "", " ", "\t", "x\"y\\z", "Ümlaut;é",
    ]

    static let templates = [
        "{{ v | trim }}", "{{ v | trim | lower }}", "{{ v | upper }}", "{{ v | number }}",
        "{{ v | number | default: '0' }}", "{{ v | boolean }}", "{{ v | boolean | default: 'no' }}",
        "{{ v | date: 'dd.MM.yyyy' }}", "{{ v | date: 'd.M.yyyy' | default: 'unknown' }}", "{{ v | map: crit }}",
        "{{ v | map: crit | default: 'none' }}", "{{ v | map: critAll }}", "{{ v | trim | map: names }}",
        "{{ v | split: ';' }}", "{{ v | trim | split: ';' }}", "{{ v | lower | split: ';' }}", "{{ v | required }}",
        "{{ v | trim | required }}", "{{ v | default: 'd' }}",
    ]

    static func mapping(_ template: String) -> String {
        let quoted = "'" + template.replacingOccurrences(of: "'", with: "''") + "'"
        let keyed = !template.contains("split")
        return """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            source: { format: table }
            maps:
              crit: { "1": missionCritical, "2": businessCritical }
              critAll: { "1": missionCritical, "*": other }
              names: { "é": accent, "Ærø": island, "HR": people }
            items:
              - type: T
                id: x
                data:
                  f: \(quoted)
                  nested: { g: \(quoted) }
              - type: U
                id: \(keyed ? quoted : "y")
                when: [{ value: \(quoted), present: true }]
                data: { f: "{{ v }}" }
              - type: V
                id: z
                when: [{ value: \(quoted), in: [hr, x, é, missionCritical, "true", "2024-03-01", "12.5"] }]
              - type: W
                id: w
                when: [{ value: \(quoted), notEquals: "HR" }]
            """
    }

    struct Outcome: Equatable, CustomStringConvertible {
        var json: String
        var keys: String
        var findings: [String]
        var filtered: Bool
        var description: String { "\(json) \(keys) \(findings) filtered: \(filtered)" }
    }

    static func build(_ plan: MappingPlan, value: String, bytePath: Bool) throws -> Outcome {
        let builder = ItemBuilder(plan: plan)
        builder.bytePath = bytePath
        let slot = try #require(plan.paths.firstIndex { $0.text == "v" })
        var record = Record(file: "t", slotCount: plan.paths.count)
        record.location = SourceLocation(file: "t", line: 2, record: 1)
        let index = record.append(.string, bytes: Array(value.utf8))
        record.slots[slot] = index..<(index + 1)
        builder.build(record, phase: 1)
        return Outcome(
            json: String(decoding: builder.json, as: UTF8.self), keys: String(decoding: builder.keys, as: UTF8.self),
            findings: builder.findings.map { "\($0.severity.rawValue) \($0.code) \($0.rule ?? "") \($0.message)" },
            filtered: builder.filtered)
    }

    @Test(arguments: templates)
    func bytePathAnswersAsTheGeneralPath(template: String) throws {
        let plan = try loadPlan(Self.mapping(template), tables: ["t": [["v"], ["x"]]])
        for value in Self.values {
            let fast = try Self.build(plan, value: value, bytePath: true)
            let general = try Self.build(plan, value: value, bytePath: false)
            #expect(fast == general, "template \(template), value '\(value)'")
        }
        // The comparison means something only if the byte path runs for these templates.
        let flat = ItemBuilder(plan: plan)
        #expect(flat.flatFields.contains { $0.program >= 0 } || flat.flatFields.contains { $0.slot >= 0 })
        #expect(flat.flatFields.first?.program ?? -1 >= 0, "template \(template) has no byte program")
        #expect(flat.nestedPrograms.contains { $0 >= 0 }, "the nested template \(template) has no byte program")
    }
}

extension BytePathTests {
    /// Plain copies are written in one reserved stretch: the same bytes as field by field.
    @Test func plainCopiesWrittenAtOnceMatchTheFieldByFieldPath() throws {
        let yaml = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            source: { format: table }
            items:
              - type: T
                id: "{{ v }}"
                data: { a: "{{ v }}", "quo\\"te": "{{ v }}", c: "{{ v }}" }
            """
        let plan = try loadPlan(yaml, tables: ["t": [["v"], ["x"]]])
        #expect(ItemBuilder(plan: plan).flatRules.first?.allPlain == true)
        for value in Self.values + ["\u{0001}\u{001F}\u{007F}", String(repeating: "ab\"cd\\ef", count: 9)] {
            let fast = try Self.build(plan, value: value, bytePath: true)
            let general = try Self.build(plan, value: value, bytePath: false)
            #expect(fast == general, "value '\(value)'")
        }
    }
}
