import LDIFCore
import Testing

/// Types and ids that LeanIX could store but no one could use, values too long to quote, and mapping
/// values that cannot be right: each is a finding or a mapping error, never passed on silently.
struct KeyCheckTests {
    func convertOne(id: String, type: String = "T", value: String = "") throws -> Converted {
        let rows = [["id", "type", "v"], [id, type, value]]
        return try convert(
            header + "\nitems:\n  - { type: '{{ type }}', id: '{{ id }}', data: { n: '{{ v | number }}' } }\n",
            tables: ["t": rows])
    }

    @Test(arguments: [
        ("   ", "is only spaces"),
        ("a\u{0}b", "holds a control character (U+0000 at byte 2)"),
        ("a\tb", "holds a control character (U+0009 at byte 2)"),
        ("line\nbreak", "holds a control character (U+000A at byte 5)"),
        (String(repeating: "x", count: 2_000_000), "is 2000000 bytes long (at most 1000 are accepted)"),
    ])
    func badIdsAreErrors(_ id: String, _ words: String) throws {
        let converted = try convertOne(id: id)
        #expect(converted.items.isEmpty)
        #expect(converted.result.totals.recordsRejected == 1)
        let finding = try #require(converted.findings.first)
        #expect(finding.code == "bad-id")
        #expect(finding.message.contains("the item id \(words)"), "\(finding.message.prefix(300))")
        #expect(finding.line.count < 4000)
    }

    @Test func aTypeWithAControlCharacterIsAnError() throws {
        let converted = try convertOne(id: "a1", type: "App\u{7F}")
        #expect(converted.items.isEmpty)
        #expect(converted.findings.map(\.code) == ["bad-type"])
        #expect(converted.findings.first?.itemId == "a1")
    }

    @Test func anIdOfAThousandBytesIsFine() throws {
        let converted = try convertOne(id: String(repeating: "é", count: 500))
        #expect(converted.items.count == 1)
        #expect(converted.findings.isEmpty)
    }

    @Test func aRefusedLongValueIsQuotedOnceAndShort() throws {
        let long = String(repeating: "x", count: 500_000)
        let converted = try convertOne(id: "a1", value: long)
        let finding = try #require(converted.findings.first)
        #expect(finding.code == "number")
        #expect(finding.message.count < 300, "\(finding.message.prefix(400))")
        #expect(finding.message.components(separatedBy: "xxxxxxxxxx").count <= 8)
        #expect(!finding.message.contains("input value"))
    }

    @Test func aFindingLineIsOneLineOfBoundedLength() throws {
        let finding = Finding(
            .warning, .parse, code: "x", message: "a\nb" + String(repeating: "m", count: 10_000))
        #expect(!finding.line.contains("\n"))
        #expect(finding.line.count < 4000)
        #expect(finding.line.contains("a⏎b"))
    }

    @Test(arguments: [
        ("source: { columns: [id, name, id] }", "source.columns[2]: 'id' names column 1 already"),
        ("source: { columns: [id, '', name] }", "source.columns[1]: a column name must not be empty"),
    ])
    func columnNamesMustBeDistinct(_ source: String, _ message: String) {
        let problems = diagnostics(header + "\n\(source)\nitems: [{ type: T, id: '{{ id }}' }]\n")
        #expect(problems.contains { $0.contains(message) }, "\(problems)")
    }

    @Test func lxWorkspaceMustBeAUUID() {
        let yaml = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0, lxWorkspace: not-a-uuid }
            items: [{ type: T, id: '{{ id }}' }]
            """
        #expect(diagnostics(yaml).contains { $0.contains("ldif.lxWorkspace: 'not-a-uuid' is not a workspace id") })
        let good = yaml.replacingOccurrences(of: "not-a-uuid", with: "2f1c5a0e-8b7d-4c1e-9a3f-0d6b2e4f8a11")
        #expect(diagnostics(good).isEmpty)
    }
}
