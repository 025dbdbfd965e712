import LDIFBulkTesting
import LDIFCore
import Testing

@testable import JSONImport

struct JSONRecordsTests {
    static let sbom = """
        {
          "bomFormat": "CycloneDX",
          "metadata": {"component": {"name": "product"}},
          "components": [
            {"name": "a", "version": "1.0"},
            {"name": "b", "version": "2.0"},
            {"name": "c"}
          ],
          "dependencies": []
        }
        """

    @Test(arguments: blockSizes)
    func arrayElementsAtAPointerAreRecords(blockSize: Int) throws {
        let sink = try importJSON(Self.sbom, records: "/components", paths: ["name", "version"], blockSize: blockSize)
        #expect(sink.records.map { $0.texts(0) } == [["a"], ["b"], ["c"]])
        #expect(sink.records.map { $0.texts(1) } == [["1.0"], ["2.0"], []])
        #expect(sink.records.map(\.location.line) == [5, 6, 7])
        #expect(sink.records.map(\.location.record) == [1, 2, 3])
        #expect(sink.records.map(\.location.pointer) == ["/components/0", "/components/1", "/components/2"])
        #expect(sink.records.allSatisfy { $0.location.file == "input.json" && $0.key == nil })
        #expect(sink.findingCodes.isEmpty)
    }

    @Test func objectValuesAreRecordsWithTheirKeys() throws {
        let json = #"""
            {"releases": {"1.2.0": {"date": "2024-01-02"}, "a/b~c": {"date": "2024-02-03"}, "": {"date": null}}}
            """#
        let sink = try importJSON(json, records: "/releases/*", paths: ["date"])
        #expect(sink.records.map(\.key) == ["1.2.0", "a/b~c", ""])
        #expect(sink.records.map(\.location.pointer) == ["/releases/1.2.0", "/releases/a~1b~0c", "/releases/"])
        #expect(
            sink.records.map(\.slots) == [
                [[.init(kind: .string, text: "2024-01-02")]], [[.init(kind: .string, text: "2024-02-03")]],
                [[.init(kind: .null, text: "")]],
            ])
    }

    @Test func wildcardOverAnArrayTakesItsElements() throws {
        let sink = try importJSON(#"{"x": [{"n": 1}, {"n": 2}]}"#, records: "/x/*", paths: ["n"])
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["2"]])
        #expect(sink.records.map(\.location.pointer) == ["/x/0", "/x/1"])
    }

    @Test func pointerThroughEscapedKeysAndIndexes() throws {
        let json = #"{"a/b": [{"m~n": [{"id": 7}]}], "a": {"b": "not this"}}"#
        let sink = try importJSON(json, records: "/a~1b/0/m~0n", paths: ["id"])
        #expect(sink.records.map { $0.texts(0) } == [["7"]])
        #expect(sink.records.first?.location.pointer == "/a~1b/0/m~0n/0")
    }

    @Test func withoutAPathATopLevelArrayGivesItsElements() throws {
        let sink = try importJSON("[{\"id\": 1},\n {\"id\": 2}]", paths: ["id"])
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["2"]])
        #expect(sink.records.map(\.location.pointer) == ["/0", "/1"])
        #expect(sink.records.map(\.location.line) == [1, 2])
    }

    @Test(arguments: [#"{"id": 1, "tags": ["x"]}"#, "\"just a string\"", "42", "null"])
    func withoutAPathAnythingElseIsOneRecord(json: String) throws {
        let sink = try importJSON(json, paths: ["."])
        #expect(sink.records.count == 1)
        #expect(sink.records.first?.location.pointer == nil)
        #expect(sink.records.first?.location.record == 1)
        #expect(sink.findingCodes.isEmpty)
    }

    @Test(arguments: ["jsonl", "ndjson"])
    func jsonLinesAreOneRecordPerLine(extension: String) throws {
        let text = "{\"id\": 1}\n\n  {\"id\": 2}  \r\n{\"id\": 3}"
        let file = try TemporaryFile(named: "input.\(`extension`)", text: text)
        let importer = try JSONImporterFactory().open(file.input, options: SourceOptions())
        #expect(importer.bind([FieldPath("id")]).isEmpty)
        let sink = CollectingSink()
        try importer.read(into: sink)
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["2"], ["3"]])
        #expect(sink.records.map(\.location.line) == [1, 3, 4])
        #expect(sink.records.map(\.location.record) == [1, 2, 3])
    }

    @Test(arguments: blockSizes)
    func aBrokenLineInJSONLinesIsSkippedAlone(blockSize: Int) throws {
        let text = "{\"id\": 1}\n{\"id\": 2,}\n{\"id\": \"3\n{\"id\": 4} {\"id\": 5}\nnot json\n{\"id\": 6}\n"
        let sink = try importJSON(text, paths: ["id"], format: "jsonl", blockSize: blockSize)
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["6"]])
        #expect(sink.rejected.map(\.code) == Array(repeating: "malformed-json", count: 4))
        #expect(sink.rejected.map { $0.location?.line } == [2, 3, 4, 5])
        #expect(sink.rejected.map { $0.location?.record } == [2, 3, 4, 5])
        #expect(sink.rejected.first?.location?.column == 10)
        #expect(sink.records.last?.location.record == 6)
    }

    @Test func aPathThatFindsNothingIsReported() throws {
        let sink = try importJSON(Self.sbom, records: "/services", paths: [])
        #expect(sink.records.isEmpty)
        #expect(sink.reported.map(\.code) == ["no-records"])
    }

    @Test(arguments: [("/metadata", "an object"), ("/bomFormat", "a single value")])
    func aPathToSomethingElseThanAnArrayIsAnError(path: String, found: String) throws {
        let sink = try importJSON(Self.sbom, records: path, paths: [])
        #expect(sink.records.isEmpty)
        let finding = try #require(sink.reported.first)
        #expect(finding.code == "records-path-type")
        #expect(finding.severity == .error)
        #expect(finding.message.contains(found))
    }

    @Test(arguments: ["components", "/a/*/b", "/a/~2", "/a~"])
    func malformedRecordsPathsAreRefused(path: String) throws {
        let file = try TemporaryFile(named: "input.json", text: "[]")
        var options = SourceOptions()
        options.records = path
        #expect {
            _ = try JSONImporterFactory().open(file.input, options: options)
        } throws: { error in
            (error as? ConversionError)?.code == .options
        }
    }

    @Test func recordsPathWithJSONLinesAndOtherEncodingsAreRefused() throws {
        let lines = try TemporaryFile(named: "input.jsonl", text: "{}")
        var options = SourceOptions()
        options.records = "/x"
        #expect(throws: ConversionError.self) { _ = try JSONImporterFactory().open(lines.input, options: options) }
        options = SourceOptions()
        options.encoding = .latin1
        #expect(throws: ConversionError.self) { _ = try JSONImporterFactory().open(lines.input, options: options) }
        let missing = InputFile(name: "missing.json", path: "/nonexistent/missing.json")
        #expect(throws: ConversionError.self) { _ = try JSONImporterFactory().open(missing, options: SourceOptions()) }
        #expect(JSONImporterFactory().formats == ["json", "jsonl"])
    }
}
