import LDIFCore
import Testing

@testable import JSONImport

/// A conformance table in the manner of the well-known JSON test suites: documents
/// that must be accepted, documents that must be rejected, and documents where
/// RFC 8259 leaves the choice to the parser (ours is stated). Each runs with
/// blocks of 16 bytes and of 1 MiB.
struct JSONConformanceTests {
    static let valid: [String] = [
        // structure
        "[]", "{}", "[[]   ]", String(repeating: "[", count: 20) + String(repeating: "]", count: 20), " \t\r\n[] \n",
        "[1]\r\n", "[null, 1, \"1\", {}]",
        "[1,null,null,null,2]", "[2] ", "[ 4]", "[1\n]", "true", "false", "null", "\"asd\"", "42", "-0.5", " [1] ",
        // numbers
        "[0]", "[-0]", "[-123]", "[123e65]", "[0e+1]", "[0e1]", "[20e1]", "[1E22]", "[1E-2]", "[1E+2]", "[123.456e78]",
        "[1e-2]", "[1e+2]", "[123.456789]", "[1.5e999]", "[-1e-999]", "[0.0]", "[-0.0e-0]",
        "[123456789012345678901234567890]",
        "[-0.000000000000000000000000000000000000000000000000000000000000000000000000000001]",
        // objects
        #"{"asd":"sdf", "dfg":"fgh"}"#, #"{"a":[]}"#, #"{"":0}"#, #"{"foo\u0000bar": 42}"#,
        #"{"x":[{"id": "xxx"}], "id": "xxx"}"#, #"{"a":{"b":{"c":{}}}}"#, #"{ "min": -1.0e+28, "max": 1.0e+28 }"#,
        #"{"title":"\u041f\u043e\u043b\u0442\u043e\u0440\u0430" }"#, "{\n\"a\"\n:\n\"b\"\n}",
        // strings and escapes
        #"["\u0060\u012a\u12AB"]"#, #"["\uD801\udc37"]"#, #"["\\u0000"]"#, #"["\""]"#, #"["\\a"]"#, #"["\n"]"#,
        #"["\u00A0"]"#, "[\"𝄞\"]", #"["\uDBFF\uDFFF"]"#, #"["asd "]"#, #"["\u005C"]"#, #"["\u002c"]"#, "[\"π\"]",
        #"["\uFFFF"]"#, #"["\u0012"]"#, #"["new\u000Aline"]"#, #"["\/"]"#, #"["\u0000"]"#, #"[" "]"#, #"["\u200B"]"#,
        "[\"a\u{7F}b\"]", #"["\b\f\n\r\t"]"#, #"["\uD834\uDD1E"]"#, "[\"\u{10FFFF}\"]", "[\"日本語\"]", #"[""]"#,
        #"["\"\\\/"]"#,
    ]

    static let invalid: [String] = [
        // arrays
        "[1 true]", "[a]", "[\"\": 1]", "[\"\"],", "[,1]", "[1,,2]", "[\"x\",,]", "[\"x\"]]", "[\"\",]", "[\"x\"", "[x",
        "[3[4]]", "[1:2]", "[,]", "[-]", "[   , \"\"]", "[\"a\",\n4\n,1,", "[1,]", "[1,,]", "[*]", "[\"\"", "[1,",
        "[{}", "[\"a\na\"]", "[{]}", "[[]", "[1,2,3",
        // numbers
        "[++1234]", "[+1]", "[+Inf]", "[-01]", "[-1.0.]", "[-2.]", "[-NaN]", "[.-1]", "[.2e-3]", "[0.1.2]", "[0.3e+]",
        "[0.3e]", "[0.e1]", "[0E+]", "[0E]", "[0e+]", "[0e]", "[1.0e+]", "[1.0e-]", "[1.0e]", "[1 000.0]", "[1eE2]",
        "[2.e+3]", "[2.e-3]", "[2.e3]", "[9.e+]", "[Inf]", "[NaN]", "[012]", "[-012]", "[0x1]", "[0x42]", "[1+2]",
        "[-foo]", "[- 1]", "[1ea]", "[1.2a-3]", "[Infinity]", "[.123]", "[1.]", "[-Infinity]", "[0.]", "[1e]", "[1e+]",
        "[\u{661}]", "[1.8011670033376514H-308]", "[00]", "[-]", "[--1]", "[1e1.5]",
        // objects
        "{\"x\", null}", "{\"x\"::\"b\"}", "{[: \"x\"}", "{\"a\" b}", "{:\"b\"}", "{\"a\" \"b\"}", "{\"a\":\"a\" 123}",
        "{key: 'value'}", "{\"a\":\"b\",,\"c\":\"d\"}", "{\"id\":0,}", "{\"a\":\"b\"}/**/", "{\"a\":\"b\"}#", "{'a':0}",
        "{\"a\":\"b\"}}", "{1:1}", "{null:null,null:null}", "{\"a\":/*comment*/\"b\"}", "{\"a\" : \"b\" , }", "{\"a\"",
        "{\"a\":", "{\"a\":\"a", "{", "{\"a\" ", "{\"a\":1 \"b\":2}", "{\"a\": [1}", "{\"a\":true} \"x\"",
        // strings
        #"["\uD800\"]"#, #"["\a"]"#, #"["\"]"#, #"["\u00A"]"#, #"["\uqqqq"]"#, #"["\x00"]"#, #"["\u{1F600}"]"#,
        "['single quote']", "[\"\t\"]", "abc", "\"", "[\"\\UA66D\"]", "[\"\\u\"]", "\"\\x\"", "[\"a\u{0}b\"]",
        "[\"\u{1F}\"]", "[\"\\\"]", "[\"\\u12\"]", "\"\\", "[\"é\\", "\"\\uD834\\u",
        // structure
        "<.>", "[<null>]", "[1]x", "[][]", "]", "}", "{}}", "nul", "tru", "fals", "True", "NULL", "[True]", "1 2",
        "[1]]",
        " ", "", "\u{FEFF}", "[\u{FEFF}]", "\"a\" \"b\"", "\u{0}", "a", "*", "[1] 2", "{} x", "@", "[\"a\"] // c", "'",
        "\u{FEFF}\u{FEFF}[]",
    ]

    /// Bytes that are not UTF-8, inside strings and outside.
    static let badSequences: [[UInt8]] = [
        [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0xBF, 0xBF, 0xBF], [0xE9], [0x80], [0xC3],
        [0xE0, 0x9F, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xFE], [0xF5, 0x80, 0x80, 0x80], [0xC1, 0xBF],
    ]

    static let invalidUTF8: [[UInt8]] = {
        var documents: [[UInt8]] = [[0xEF, 0xBB], [0xEF, 0xBB, 0xBF, 0xFF]]
        for bad in badSequences {
            documents.append(Array("[\"".utf8) + bad + Array("\"]".utf8))
            documents.append(Array("[".utf8) + bad + Array("]".utf8))
        }
        return documents
    }()

    /// RFC 8259 leaves these to the parser; ours: a lone surrogate is refused
    /// (data would change otherwise), a byte order mark is skipped, numbers of
    /// any size keep their digits.
    static let implementationDefined: [(String, Bool)] = [
        (#"["\uD800"]"#, false), (#"["\uDFAA"]"#, false), (#"["\uD800\uD800"]"#, false), (#"["\uDBFF\uDBFF"]"#, false),
        (#"["\uDd1e\uD834"]"#, false), (#"["\uD800\n"]"#, false), (#"{"\uDFAA":0}"#, false),
        ("\u{FEFF}[]", true), ("[1e999999]", true), ("[-1e-999999]", true), ("[100000000000000000000]", true),
        (String(repeating: "[", count: 500) + String(repeating: "]", count: 500), true),
        (#"["\uFFFE"]"#, true), ("[\"\u{10FFFF}\"]", true),
    ]

    /// Whether `bytes` was accepted (no finding at all), and the messages of its findings.
    static func outcome(_ bytes: [UInt8], blockSize: Int) throws -> (accepted: Bool, messages: [String]) {
        let sink = try importJSON(bytes, paths: [".", "*"], blockSize: blockSize)
        let findings = sink.reported + sink.rejected
        #expect(findings.allSatisfy { $0.severity == .error })
        return (findings.isEmpty, findings.map(\.message))
    }

    @Test(arguments: valid)
    func validDocumentsAreAccepted(json: String) throws {
        for blockSize in [16, JSONFile.blockSize] {
            let result = try Self.outcome(Array(json.utf8), blockSize: blockSize)
            #expect(result.accepted, "\(result.messages)")
        }
    }

    /// Valid JSON (RFC 8259 only says keys SHOULD be unique), but a record whose text goes into the LDIF
    /// whole (`{{ . }}`) would carry the key twice: it is rejected, saying so, not as a syntax error.
    @Test func aKeyTwiceIsValidJSONButRejectsARecordWrittenWhole() throws {
        for blockSize in [16, JSONFile.blockSize] {
            let result = try Self.outcome(Array(#"{"a":"b","a":"c"}"#.utf8), blockSize: blockSize)
            #expect(!result.accepted)
            #expect(
                result.messages == [
                    "the key 'a' comes twice in the object at /a, whose text would go into the LDIF as it is "
                        + "(JSON keys should be unique); the record was skipped"
                ])
        }
    }

    @Test(arguments: invalid)
    func invalidDocumentsAreRejectedWithAMessage(json: String) throws {
        for blockSize in [16, JSONFile.blockSize] {
            let result = try Self.outcome(Array(json.utf8), blockSize: blockSize)
            #expect(!result.accepted)
            #expect(!result.messages.isEmpty && result.messages.allSatisfy { $0.count > 20 })
        }
    }

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRejectedWithAMessage(bytes: [UInt8]) throws {
        for blockSize in [16, JSONFile.blockSize] {
            let result = try Self.outcome(bytes, blockSize: blockSize)
            #expect(!result.accepted)
            #expect(!result.messages.isEmpty)
        }
    }

    @Test(arguments: implementationDefined)
    func implementationDefinedDocumentsGetOurStatedAnswer(json: String, accepted: Bool) throws {
        for blockSize in [16, JSONFile.blockSize] {
            let result = try Self.outcome(Array(json.utf8), blockSize: blockSize)
            #expect(result.accepted == accepted, "\(result.messages)")
        }
    }

    @Test func exactDigitsOfNumbersAreKept() throws {
        let numbers = ["0", "-0", "1.50", "1E+2", "123456789012345678901234567890", "-1e-999999", "2.5e-3"]
        let sink = try importJSON("[" + numbers.joined(separator: ",") + "]", paths: ["."], blockSize: 16)
        #expect(sink.records.map { $0.slots[0] } == numbers.map { [.init(kind: .number, text: $0)] })
    }
}
