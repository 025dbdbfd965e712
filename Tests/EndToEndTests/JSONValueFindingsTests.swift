import Foundation
import LDIFBulkTesting
import Testing

/// JSON values that would turn into wrong LDIF: an object or array as a type or id, an empty list.
struct JSONValueFindingsTests {
    func convert(_ json: String, items: String) async throws -> BinaryRunner.Result {
        let directory = try Fixtures.temporaryDirectory("json-values")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try json.write(toFile: "\(directory)/in.json", atomically: true, encoding: .utf8)
        let mapping = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            items:
            \(items)
            """
        try mapping.write(toFile: "\(directory)/m.yaml", atomically: true, encoding: .utf8)
        return try await BinaryRunner.run([
            "convert", "--mapping", "\(directory)/m.yaml", "--stdout", "\(directory)/in.json",
        ])
    }

    @Test(arguments: [#"{"k": 1}"#, #"[1, 2]"#, #"["one"]"#])
    func aStructuredIdIsAnError(_ value: String) async throws {
        let result = try await convert(
            #"[{"id": \#(value), "name": "a"}, {"id": "ok", "name": "b"}]"#,
            items: #"  - { type: T, id: "{{ id }}", data: { name: "{{ name }}" } }"#)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            result.standardError.contains("gives a JSON object or array where text is needed"),
            "\(result.standardError)")
        #expect(result.standardOutput.contains(#""id":"ok""#))
        #expect(!result.standardOutput.contains(#""name":"a""#))
    }

    @Test func aStructuredTypeIsAnError() async throws {
        let result = try await convert(
            #"[{"kind": {"a": 1}, "id": "x"}]"#, items: #"  - { type: "{{ kind }}", id: "{{ id }}" }"#)
        #expect(result.status == 2)
        #expect(result.standardError.contains("gives a JSON object or array where text is needed"))
    }

    @Test func anEmptyListIsLeftOut() async throws {
        let result = try await convert(
            #"[{"id": "a", "tags": [], "more": [ ], "obj": {}}]"#,
            items:
                #"  - { type: T, id: "{{ id }}", data: { tags: "{{ tags }}", more: "{{ more }}", obj: "{{ obj }}" } }"#)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(#""data":{"obj":{}}"#), "\(result.standardOutput)")
    }
}

extension JSONValueFindingsTests {
    @Test func aKeyTwiceInAnObjectIsAWarning() async throws {
        let result = try await convert(
            #"[{"id": "a", "name": "first", "name": "second"}]"#,
            items: #"  - { type: T, id: "{{ id }}", data: { name: "{{ name }}" } }"#)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "warning: 'name' matches 2 values: an object of this record holds the same key 2 times"),
            "\(result.standardError)")
        #expect(result.standardOutput.contains(#""name":["first","second"]"#))
    }
}

extension JSONValueFindingsTests {
    @Test func aKeyTwiceInAnObjectWrittenWholeRejectsTheRecord() async throws {
        let result = try await convert(
            #"[{"id": "a", "vendor": {"n": 1, "n": 2}}, {"id": "b", "vendor": {"n": 1, "m": {"n": 2}}}]"#,
            items: #"  - { type: T, id: "{{ id }}", data: { vendor: "{{ vendor }}", all: "{{ . }}" } }"#)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(
            result.standardError.contains("the key 'n' comes twice in the object at /0/vendor/n"),
            "\(result.standardError)")
        #expect(!result.standardOutput.contains(#""id":"a""#))
        // The same key in two objects, one inside the other, is no duplicate.
        #expect(result.standardOutput.contains(#""vendor":{"n":1,"m":{"n":2}}"#), "\(result.standardOutput)")
    }
}
