import LDIFCore
import Testing

@testable import JSONImport

struct JSONTextTests {
    @Test(
        arguments: [
            (#""plain""#, "plain"),
            (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
            (#""\u0041\u00e9\u20AC\uFFFF""#, "Aé€\u{FFFF}"),
            (#""\uD83D\uDE00 and \ud834\udd1e""#, "😀 and 𝄞"),
            (#""\u0000""#, "\u{0}"),
            ("\"é€😀 raw UTF-8\"", "é€😀 raw UTF-8"),
            ("\"\u{7F}\"", "\u{7F}"),
            (#""""#, ""),
        ] as [(String, String)])
    func stringsAreUnescaped(json: String, expected: String) throws {
        for blockSize in blockSizes {
            let sink = try importJSON("[{\"v\": \(json)}]", paths: ["v"], blockSize: blockSize)
            #expect(sink.records.first?.slots[0] == [.init(kind: .string, text: expected)], "block size \(blockSize)")
            #expect(sink.findingCodes.isEmpty)
        }
    }

    @Test(arguments: [
        #""\uD800""#, #""\uDBFF x""#, #""\uDC00""#, #""\uDFFF\uD800""#, #""\uD800\u0041""#, #""\uD800\n""#,
        #""a\uDE00b""#, #""\uD83D\uD83D\uDE00""#,
    ])
    func loneSurrogatesRejectTheRecordNeverReplaced(json: String) throws {
        for blockSize in blockSizes {
            let text = "{\"items\": [{\"v\": \"ok\"}, {\"id\": 2, \"deep\": {\"v\": \(json)}}, {\"v\": \"after\"}]}"
            let sink = try importJSON(text, records: "/items", paths: ["v"], blockSize: blockSize)
            #expect(sink.records.map { $0.texts(0) } == [["ok"], ["after"]])
            let finding = try #require(sink.rejected.first)
            #expect(finding.code == "lone-surrogate")
            #expect(finding.location?.pointer == "/items/1/deep/v")
            #expect(finding.location?.record == 2)
            #expect(finding.message.contains("/items/1/deep/v"))
            #expect(sink.reported.isEmpty)
        }
    }

    @Test func loneSurrogateOutsideRecordsIsReported() throws {
        let sink = try importJSON(#"{"meta": "\uD800", "items": [{"v": 1}]}"#, records: "/items", paths: ["v"])
        #expect(sink.records.count == 1)
        #expect(sink.reported.map(\.code) == ["lone-surrogate"])
        #expect(sink.reported.first?.location?.pointer == "/meta")
    }

    @Test(
        arguments: [
            [0xFF], [0xC0, 0x80], [0xC3], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        ] as [[UInt8]])
    func invalidUTF8RejectsTheRecord(bad: [UInt8]) throws {
        for blockSize in blockSizes {
            let bytes = Array(#"[{"v": "ok"}, {"v": "x"#.utf8) + bad + Array(#"y"}, {"v": "after"}]"#.utf8)
            let sink = try importJSON(bytes, paths: ["v"], blockSize: blockSize)
            #expect(sink.records.map { $0.texts(0) } == [["ok"], ["after"]])
            #expect(sink.rejected.map(\.code) == ["invalid-utf8"])
            #expect(sink.rejected.first?.location?.pointer == "/1/v")
        }
    }

    @Test(arguments: [(0x0A, 2), (0x00, 1), (0x1F, 1), (0x09, 1)] as [(UInt8, Int)])
    func controlCharactersInStringsAreSyntaxErrors(control: UInt8, line: Int) throws {
        let bytes = Array("[{\"v\": \"a".utf8) + [control] + Array("b\"}]".utf8)
        let sink = try importJSON(bytes, paths: ["v"])
        #expect(sink.records.isEmpty)
        let finding = try #require(sink.reported.first)
        #expect(finding.code == "malformed-json")
        #expect(finding.message.contains("control character") || finding.message.contains("never ends"))
        #expect(finding.location?.line == 1)
    }

    @Test func longStringsStreamThroughBlocks() throws {
        let long = String(repeating: "abcdé😀\\n", count: 50_000)
        let sink = try importJSON("[{\"v\": \"\(long)\", \"w\": 1}]", paths: ["v", "w"], blockSize: 4096)
        let expected = String(repeating: "abcdé😀\n", count: 50_000)
        #expect(sink.records.first?.texts(0) == [expected])
        #expect(sink.records.first?.texts(1) == ["1"])
    }
}
