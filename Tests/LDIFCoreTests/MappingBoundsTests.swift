import LDIFCore
import Testing

/// Mappings written to exhaust memory are refused before anything is built from them.
struct MappingBoundsTests {
    @Test func anAliasBombIsRefusedWithItsLine() throws {
        let yaml = """
            aliases:
              a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
              e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
            ldif: { connectorType: t, connectorId: c, connectorVersion: 1.0.0, customFields: { bomb: *e } }
            items: [{ type: T, id: "{{ id }}" }]
            """
        // 100,000 nodes from 400 bytes: far past what its text holds.
        let lines = diagnostics(yaml)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line.hasPrefix("test.yaml:"))
        #expect(line.contains("aliases (*name) expand to more than"))
        #expect(line.contains("alias bomb"))
    }

    @Test func anAliasBombAsAMappingKeyIsRefusedBeforeItIsComposed() throws {
        // Composing alone would hash the key whole: the text is measured first.
        let yaml = """
            aliases:
              a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]
              b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
              c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
              d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
              ? *d
              : 1
              ? [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
              : 2
            ldif: { connectorType: t, connectorId: c, connectorVersion: 1.0.0 }
            items: [{ type: T, id: "{{ id }}" }]
            """
        let lines = diagnostics(yaml)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("alias bomb") == true)
    }

    @Test func anchorsReusedAFewTimesAreFine() throws {
        let yaml = """
            ldif: { connectorType: t, connectorId: c, connectorVersion: 1.0.0, customFields: &cf { a: 1, b: [1, 2] } }
            items:
              - { type: T, id: "{{ id }}", data: { extra: *cf } }
              - { type: U, id: "{{ id }}", data: { extra: *cf } }
            """
        let plan = try loadPlan(yaml)
        #expect(plan.rules.count == 2)
    }
}
