import LDIFCore
import Testing

@testable import JSONImport

struct JSONMalformedTests {
    @Test(arguments: blockSizes)
    func syntaxErrorKeepsTheRecordsBeforeIt(blockSize: Int) throws {
        var json = "{\"components\": [\n"
        for number in 1...30 {
            json += "  {\"id\": \(number), \"name\": \"component \(number)\"},\n"
        }
        json += "  {\"id\": 31, \"name\": \"broken\" \"x\": 1},\n  {\"id\": 32}\n]}\n"
        let sink = try importJSON(json, records: "/components", paths: ["id"], blockSize: blockSize)
        #expect(sink.records.map { $0.texts(0) } == (1...30).map { ["\($0)"] })
        let finding = try #require(sink.reported.first)
        #expect(sink.reported.count == 1)
        #expect(finding.code == "malformed-json")
        #expect(finding.severity == .error)
        #expect(finding.location?.line == 32)
        #expect(finding.location?.column == 31)
        #expect(finding.location?.record == 31)
        #expect(finding.location?.pointer == "/components/30")
        #expect(finding.message.contains("expected ',' or '}' after an object member, found '\"'"))
        #expect(finding.message.contains("30 records before it were read"))
    }

    @Test(
        arguments: [
            ("[1, 2,]", "a comma after the last element"),
            ("{\"a\": 1,}", "a comma after the last member"),
            ("[01]", "leading zeros"),
            ("[NaN]", "NaN and Infinity"),
            ("['x']", "double quotes"),
            ("[1] // note", "comments"),
            ("[1] [2]", "the end of the document"),
            ("[\"a\\x\"]", "not a JSON escape"),
            ("[\"\\u12G4\"]", "four hex digits"),
            ("[-]", "a digit after '-'"),
            ("[1.]", "a digit after the decimal point"),
            ("[1e+]", "a digit in the exponent"),
            ("[tru]", "'true'"),
            ("{\"a\" 1}", "':' after the key"),
            ("{1: 2}", "a key in double quotes"),
            ("[\"abc", "never ends"),
            ("", "a JSON value, found the end of the file"),
            ("[", "a value or ']', found the end of the file"),
            ("{\"a\":", "a value, found the end of the file"),
            ("[1 2]", "',' or ']' after an array element, found '2'"),
            ("[+1]", "a JSON number starts with"),
            ("\u{FEFF}\u{FEFF}[]", "byte 0xEF"),
        ] as [(String, String)])
    func syntaxErrorsSayWhatWasExpected(json: String, phrase: String) throws {
        let sink = try importJSON(json, paths: ["."])
        let finding = try #require(sink.reported.first { $0.code == "malformed-json" })
        #expect(finding.message.contains(phrase), "\(finding.message)")
        #expect(finding.location?.line == 1)
        #expect((finding.location?.column ?? 0) >= 1)
    }

    @Test func byteOrderMarkAtTheStartIsSkipped() throws {
        let sink = try importJSON([0xEF, 0xBB, 0xBF] + Array(#"[{"a": 1}]"#.utf8), paths: ["a"])
        #expect(sink.records.first?.texts(0) == ["1"])
        #expect(sink.findingCodes.isEmpty)
    }

    @Test(arguments: [100_000, 10_001])
    func deepNestingStopsWithAFindingNotACrash(depth: Int) throws {
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let sink = try importJSON("[{\"a\": 1}, \(json)]", paths: ["a"])
        #expect(sink.records.map { $0.texts(0) } == [["1"]])
        let finding = try #require(sink.reported.first)
        #expect(finding.message.contains("nest deeper than 10000"))
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let json = String(repeating: "[", count: 9_999) + "7" + String(repeating: "]", count: 9_999)
        let sink = try importJSON("[\(json)]", paths: ["."])
        #expect(sink.findingCodes.isEmpty)
        #expect(sink.records.first?.texts(0).first?.utf8.count == 9_999 * 2 + 1)
    }

    @Test func valueOverTheFieldLimitRejectsItsRecord() throws {
        var options = SourceOptions()
        options.maxFieldBytes = 10
        let json =
            #"[{"v": "short"}, {"v": "much longer than ten"}, {"v": [1, 2, 3, 4, 5, 6]}, {"v": 1234567890123}, {"v": "ok"}]"#
        let sink = try importJSON(json, paths: ["v"], options: options, blockSize: 16)
        #expect(sink.records.map { $0.texts(0) } == [["short"], ["ok"]])
        #expect(sink.rejected.map(\.code) == ["field-too-long", "field-too-long", "field-too-long"])
        #expect(sink.rejected.map { $0.location?.record } == [2, 3, 4])
        #expect(sink.rejected.first?.field == "v")
    }

    @Test func unmappedHugeValuesCostNoMemory() throws {
        var options = SourceOptions()
        options.maxFieldBytes = 100
        let huge = String(repeating: "x", count: 3 << 20)
        let json = "[{\"skip\": \"\(huge)\", \"keep\": \"k\"}, {\"skip\": [\"\(huge)\"], \"keep\": 2}]"
        let sink = try importJSON(json, paths: ["keep"], options: options)
        #expect(sink.records.map { $0.texts(0) } == [["k"], ["2"]])
        #expect(sink.findingCodes.isEmpty)
    }
}

/// Found by FuzzJSON: a byte that is not UTF-8 inside a key (the pointer of the message was taken from
/// the previous key's range, past the end of the keys read so far).
@Suite struct JSONKeyTextTests {
    @Test(arguments: blockSizes)
    func aKeyThatIsNotUTF8RejectsItsRecord(blockSize: Int) throws {
        let bytes = Array(#"[{"product": "x", "rel"#.utf8) + [0xF0, 0xF0, 0xF0] + Array(#"": 1}, {"id": "b"}]"#.utf8)
        let sink = try importJSON(bytes, paths: ["id", "product"], blockSize: blockSize)
        #expect(sink.rejected.map(\.code) == ["invalid-utf8"])
        #expect(sink.records.count == 1)
    }
}
