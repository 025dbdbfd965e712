import LDIFBulkTesting
import LDIFCore
import Testing

@testable import JSONImport

struct JSONFieldPathTests {
    static let component = #"""
        {
          "name": "a", "version": "1.0",
          "supplier": {"name": "ACME", "url": ["https://a.example", "https://b.example"]},
          "licenses": [{"license": {"id": "MIT"}}, {"license": {"name": "custom"}}, {"license": {"id": "Apache-2.0"}}],
          "hashes": [{"alg": "SHA-256", "content": "abc"}, {"alg": "MD5", "content": "def"}],
          "a/b": "slash", "m~n": "tilde", "0": "zero key",
          "count": -12.50e+3, "zero": 0, "flag": true, "off": false, "nothing": null,
          "nested": { "list" : [ 1 , "t\"x\u00e9" , {"k": [ ]} ] , "e": {} }
        }
        """#

    @Test(
        arguments: [
            ("name", ["string:a"]),
            ("supplier/name", ["string:ACME"]),
            ("supplier/url", [#"json:["https://a.example","https://b.example"]"#]),
            ("supplier/url/*", ["string:https://a.example", "string:https://b.example"]),
            ("supplier/url/1", ["string:https://b.example"]),
            ("supplier/url/2", []),
            ("licenses/*/license/id", ["string:MIT", "string:Apache-2.0"]),
            ("hashes/0/content", ["string:abc"]),
            ("hashes/*/alg", ["string:SHA-256", "string:MD5"]),
            ("a~1b", ["string:slash"]),
            ("m~0n", ["string:tilde"]),
            ("0", ["string:zero key"]),
            ("count", ["number:-12.50e+3"]),
            ("zero", ["number:0"]),
            ("flag", ["bool:true"]),
            ("off", ["bool:false"]),
            ("nothing", ["null:"]),
            ("nested", [#"json:{"list":[1,"t\"x\u00e9",{"k":[]}],"e":{}}"#]),
            ("nested/list/1", ["string:t\"xé"]),
            ("nested/list/2/k", ["json:[]"]),
            ("nested/e", ["json:{}"]),
            ("missing", []),
            ("name/deeper", []),
            ("*", []),
        ] as [(String, [String])])
    func pathSelectsValuesOfTheirKind(path: String, expected: [String]) throws {
        for blockSize in blockSizes {
            let sink = try importJSON(Self.component, paths: [path], blockSize: blockSize)
            let record = try #require(sink.records.first)
            if path == "*" {
                #expect(record.slots[0].count == 14)
            } else {
                #expect(record.slots[0].map(\.description) == expected, "block size \(blockSize)")
            }
        }
    }

    @Test func wholeRecordAndOverlappingPaths() throws {
        let json = #"[{"a": {"b": [1, 2]}, "c": "x"}]"#
        let sink = try importJSON(json, paths: [".", "a", "a/b/*", "a/b/0", "c", "c"])
        let record = try #require(sink.records.first)
        #expect(
            record.slots.map { $0.map(\.description) } == [
                [#"json:{"a":{"b":[1,2]},"c":"x"}"#], [#"json:{"b":[1,2]}"#], ["number:1", "number:2"], ["number:1"],
                ["string:x"], ["string:x"],
            ])
    }

    @Test func quotedPathIsOneKey() throws {
        let file = try TemporaryFile(named: "input.json", text: #"{"first/name": "Ada", "*": "star"}"#)
        let importer = try JSONImporterFactory().open(file.input, options: SourceOptions())
        #expect(importer.fieldNames == nil)
        #expect(importer.bind([FieldPath("first/name", quoted: true), FieldPath("*", quoted: true)]).isEmpty)
        let sink = CollectingSink()
        try importer.read(into: sink)
        #expect(sink.records.first?.slots.map { $0.map(\.text) } == [["Ada"], ["star"]])
    }

    @Test(arguments: ["", "a//b", "a/", "/a", "a/~2", "a~"])
    func malformedPathsAreBindProblems(path: String) throws {
        let file = try TemporaryFile(named: "input.json", text: "{}")
        let importer = try JSONImporterFactory().open(file.input, options: SourceOptions())
        let problems = importer.bind([FieldPath("name"), FieldPath(path)])
        #expect(problems.map(\.pathIndex) == [1])
        #expect(problems.first.map { !$0.message.isEmpty } == true)
    }
}
