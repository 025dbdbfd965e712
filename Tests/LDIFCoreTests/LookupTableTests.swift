import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

@testable import LDIFCore

struct LookupTableTests {
    static let mapping =
        header + """

            lookups:
              people: { file: people, format: table, key: id, value: name }
            items: [{ type: T, id: "{{ id }}", data: { who: "{{ id | lookup: people }}" } }]
            """

    @Test func aKeyWithTwoValuesIsAnErrorNamingTheKeyAndBothLines() {
        let people = [["id", "name"], ["u1", "Ada"], ["u2", "Grace"], ["u1", "Alan"]]
        let lines = loadDiagnostics(Self.mapping, tables: ["people": people])
        #expect(lines.count == 1)
        let line = lines.first ?? ""
        #expect(line.contains("lookups.people"))
        #expect(line.contains("people:4: key 'u1' is there already (line 2) with another value"))
    }

    @Test func theSameRowTwiceLosesNothing() throws {
        let people = [["id", "name"], ["u1", "Ada"], ["u1", "Ada"]]
        let plan = try loadPlan(Self.mapping, tables: ["people": people])
        #expect(plan.rules.count == 1)
    }

    @Test func manyKeysAreHeldInOneByteStoreAndAnIndex() throws {
        let count = 100_000
        let rows = [["id", "name"]] + (0..<count).map { ["user-\($0)", "name of user \($0)"] }
        let fileBytes = rows.reduce(0) { $0 + $1.joined(separator: ",").utf8.count + 1 }
        let importer = try TableImporterFactory(["people": rows]).open(
            InputFile(name: "people", path: "people"), options: SourceOptions())
        _ = importer.bind([FieldPath("id"), FieldPath("name")])
        let sink = LookupSink(file: "people")
        try importer.read(into: sink)
        let table = LookupTable(file: "people", table: sink.table)
        #expect(table.count == count)
        #expect(sink.conflicts.isEmpty)
        #expect(table.value(for: "user-99999") == "name of user 99999")
        #expect(table.value(for: "user-100000") == nil)
        // The bytes of keys and values, 20 bytes of offsets and hash per key, an index at most half full.
        #expect(table.table.footprint < fileBytes * 2 + 40 * count)
    }
}

private func loadDiagnostics(_ yaml: String, tables: [String: [[String]]]) -> [String] {
    do {
        _ = try loadPlan(yaml, tables: tables)
        return []
    } catch {
        return (error as? MappingError)?.diagnostics.map(\.description) ?? ["\(error)"]
    }
}
