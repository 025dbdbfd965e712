import LDIFCore
import Testing

/// One CSV input and exactly what the importer must make of it.
struct CSVCase: CustomTestStringConvertible, Sendable {
    var name: String
    var bytes: [UInt8]
    var options: SourceOptions
    /// The column names (`fieldNames`), `|`-separated.
    var names: String
    /// The transcript (see ``CollectingSink``).
    var expected: [String]

    init(_ name: String, _ text: String, _ options: SourceOptions = .csv(), names: String, _ expected: [String]) {
        self.init(name, Array(text.utf8), options, names: names, expected)
    }

    init(_ name: String, _ bytes: [UInt8], _ options: SourceOptions = .csv(), names: String, _ expected: [String]) {
        self.name = name
        self.bytes = bytes
        self.options = options
        self.names = names
        self.expected = expected
    }

    var testDescription: String { name }
}

func utf16(_ text: String, bigEndian: Bool, bom: Bool = true) -> [UInt8] {
    var bytes: [UInt8] = bom ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in text.utf16 {
        let pair = [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        bytes += bigEndian ? pair : pair.reversed()
    }
    return bytes
}

let structureCases: [CSVCase] = [
    CSVCase("LF line ends", "id,name\n1,a\n2,b\n", names: "id|name", ["2#1 1|a", "3#2 2|b"]),
    CSVCase("CRLF line ends", "id,name\r\n1,a\r\n2,b\r\n", names: "id|name", ["2#1 1|a", "3#2 2|b"]),
    CSVCase("CR line ends", "id,name\r1,a\r2,b\r", names: "id|name", ["2#1 1|a", "3#2 2|b"]),
    CSVCase("mixed line ends", "id,name\r\n1,a\n2,b\r3,c\r\n", names: "id|name", ["2#1 1|a", "3#2 2|b", "4#3 3|c"]),
    CSVCase("no newline at the end", "id,name\n1,a\n2,b", names: "id|name", ["2#1 1|a", "3#2 2|b"]),
    CSVCase("empty last field without newline", "id,name\n1,", names: "id|name", ["2#1 1|"]),
    CSVCase("quoted delimiter", "id,name\n1,\"a,b\"\n", names: "id|name", ["2#1 1|a,b"]),
    CSVCase(
        "doubled quotes", "id,name\n1,\"say \"\"hi\"\"\"\n2,\"\"\"\"\n", names: "id|name",
        ["2#1 1|say \"hi\"", "3#2 2|\""]),
    CSVCase("LF inside quotes", "id,note\n1,\"x\ny\"\n2,z\n", names: "id|note", ["2#1 1|x\\ny", "4#2 2|z"]),
    CSVCase(
        "CRLF inside quotes", "id,note\r\n1,\"x\r\ny\r\n\"\r\n2,z\r\n", names: "id|note",
        ["2#1 1|x\\r\\ny\\r\\n", "5#2 2|z"]),
    CSVCase("CR inside quotes", "id,note\r1,\"x\ry\"\r2,z\r", names: "id|note", ["2#1 1|x\\ry", "4#2 2|z"]),
    CSVCase("line breaks in a quoted header", "\"first\nname\",id\n1,2\n", names: "first\nname|id", ["3#1 1|2"]),
    CSVCase("empty quoted and unquoted values", "a,b,c\n,\"\",x\n", names: "a|b|c", ["2#1 ||x"]),
    CSVCase(
        "blanks around values are kept (RFC 4180), header names trimmed", "a, b ,c\n x ,\t y\t, \" z \" \n",
        names: "a|b|c", ["2#1  x |\\t y\\t| \" z \" "]),
    CSVCase(
        "trim: blanks around values are trimmed, inside quotes kept", "a, b ,c\n x ,\t y\t, \" z \" \n",
        .csv(trim: true), names: "a|b|c", ["2#1 x|y| z "]),
    CSVCase(
        "padded quoted values are not quoted values", "a,b\n1, \"x, y\"\n", names: "a|b", ["2#1 reject ragged-row -"]),
    CSVCase("trim: padded quoted values", "a,b\n1, \"x, y\"\n", .csv(trim: true), names: "a|b", ["2#1 1|x, y"]),
    CSVCase("a line of blanks is an empty line", "a,b\n  \t\n1,2\n", names: "a|b", ["3#1 1|2"]),
    CSVCase("trim: a line of blanks is an empty line", "a,b\n  \t\n1,2\n", .csv(trim: true), names: "a|b", ["3#1 1|2"]),
    CSVCase("a blank line before the header", " \na,b\n1,2\n", names: "a|b", ["3#1 1|2"]),
    CSVCase("a quoted blank value in one column is a value", "a\n\"  \"\n", names: "a", ["2#1   "]),
    CSVCase("an unquoted blank value in one column is a value", "a\n  \nx\n", names: "a", ["2#1   ", "3#2 x"]),
    CSVCase(
        "blanks after a closing quote, then text", "a,b\n1,\"x\"  y\n2,z\n", names: "a|b",
        ["2#1 reject stray-quote b", "3#2 2|z"]),
    CSVCase(
        "quote inside an unquoted value is a character", "id,size\n1,5\" screen\n", names: "id|size",
        ["2#1 1|5\" screen"]),
    CSVCase(
        "text after a closing quote rejects the record", "id,size\n1,\"5\" screen\"\n2,ok\n", names: "id|size",
        ["2#1 reject stray-quote size", "3#2 2|ok"]),
    CSVCase("UTF-8 byte-order mark removed", "\u{FEFF}id,name\n1,a\n", names: "id|name", ["2#1 1|a"]),
    CSVCase("non-ASCII text", "id,name\n1,Zürich 東京 😀\n", names: "id|name", ["2#1 1|Zürich 東京 😀"]),
    CSVCase(
        "empty lines are skipped but counted", "a,b\n\n1,2\n\r\n\n3,4\n\n", names: "a|b", ["3#1 1|2", "6#2 3|4"]),
    CSVCase("empty lines before the header", "\n\r\na,b\n1,2\n", names: "a|b", ["4#1 1|2"]),
    CSVCase(
        "ragged rows are rejected, never padded", "a,b\n1,2,3\n4\n5,6\n", names: "a|b",
        [
            "2#1 reject ragged-row -", "3#2 reject ragged-row -", "4#3 5|6",
        ]),
    CSVCase(
        "unterminated quote keeps the records before", "a,b\n1,x\n2,\"open\n3,y\n", names: "a|b",
        [
            "2#1 1|x", "3#2 reject unterminated-quote b",
        ]),
    CSVCase(
        "unterminated quote on the last line", "a,b\n1,x\n2,\"open", names: "a|b",
        [
            "2#1 1|x", "3#2 reject unterminated-quote b",
        ]),
    CSVCase(
        "field over the limit", "a,b\n1,\"\(String(repeating: "x", count: 40))\"\n2,ok\n", .csv(maxFieldBytes: 16),
        names: "a|b",
        ["2#1 reject field-too-long b", "3#2 2|ok"]),
    CSVCase(
        "stray quote swallows lines until the next quote", "a,b\n1,\"stray\n2,x\n3,y\n4,z\n5,\"end\n6,ok\n",
        .csv(maxFieldBytes: 16), names: "a|b", ["2#1 reject field-too-long b", "7#2 6|ok"]),
    CSVCase(
        "stray quote runs to the end of the file", "a,b\n1,ok\n2,\"stray\n3,x\n4,y\n5,z\n", .csv(maxFieldBytes: 8),
        names: "a|b",
        ["2#1 1|ok", "3#2 reject unterminated-quote b"]),
    CSVCase(
        "unquoted field over the limit", "a,b\n1,\(String(repeating: "y", count: 30))\n2,ok\n", .csv(maxFieldBytes: 16),
        names: "a|b", ["2#1 reject field-too-long b", "3#2 2|ok"]),
    CSVCase(
        "field exactly at the limit", "a,b\n1,\(String(repeating: "y", count: 16))\n", .csv(maxFieldBytes: 16),
        names: "a|b",
        [
            "2#1 1|\(String(repeating: "y", count: 16))"
        ]),
    CSVCase(
        "invalid UTF-8 rejects the record", [UInt8]("a,b\n1,Z".utf8) + [0xFC] + Array("rich\n2,ok\n".utf8),
        names: "a|b",
        [
            "2#1 reject invalid-utf8 b", "3#2 2|ok",
        ]),
    CSVCase(
        "truncated UTF-8 sequence", [UInt8]("a,b\n1,".utf8) + [0xE6, 0x9D] + Array("\n".utf8), names: "a|b",
        [
            "2#1 reject invalid-utf8 b"
        ]),
    CSVCase(
        "a ragged row is reported as ragged, whatever else", [UInt8]("a,b\n1,".utf8) + [0xE6] + Array(",x\n".utf8),
        names: "a|b",
        [
            "2#1 reject ragged-row -"
        ]),
    CSVCase(
        "UTF-8 surrogate bytes", [UInt8]("a,b\n1,".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8), names: "a|b",
        [
            "2#1 reject invalid-utf8 b"
        ]),
    CSVCase("empty header name", "a,,c\n1,2,3\n", names: "a||c", ["1#0 report warning empty-header -", "2#1 1|2|3"]),
    CSVCase(
        "duplicate header name", "a,b,a\n1,2,3\n", names: "a|b|a",
        ["1#0 report warning duplicate-header a", "2#1 1|2|3"]),
    CSVCase("empty file", "", names: "", ["0#0 report warning empty-file -"]),
    CSVCase("file of empty lines", "\n\r\n\n", names: "", ["0#0 report warning empty-file -"]),
    CSVCase("header only", "a,b\n", names: "a|b", []),
    CSVCase("header only without newline", "a,b", names: "a|b", []),
    CSVCase("one column", "name\nx\n\"\"\ny\n", names: "name", ["2#1 x", "3#2 ", "4#3 y"]),
]

let dialectCases: [CSVCase] = [
    CSVCase("semicolon", "id;name\n1;a,b\n", .csv(delimiter: .byte(0x3B)), names: "id|name", ["2#1 1|a,b"]),
    CSVCase("tab", "id\tname\n1\ta b\n", .csv(delimiter: .byte(0x09)), names: "id|name", ["2#1 1|a b"]),
    CSVCase("pipe", "id|name\n1|a;b\n", .csv(delimiter: .byte(0x7C)), names: "id|name", ["2#1 1|a;b"]),
    CSVCase(
        "sniffed comma", "id,name\n1,a;b\n2,c\n", .csv(delimiter: .auto), names: "id|name",
        [
            "note data/x.csv: delimiter ',' (sniffed)", "2#1 1|a;b", "3#2 2|c",
        ]),
    CSVCase(
        "sniffed semicolon", "id;name;x\n1;\"a;b\";c,d\n2;c;\n", .csv(delimiter: .auto), names: "id|name|x",
        [
            "note data/x.csv: delimiter ';' (sniffed)", "2#1 1|a;b|c,d", "3#2 2|c|",
        ]),
    CSVCase(
        "sniffed tab", "id\tname\n1\ta,b,c\n", .csv(delimiter: .auto), names: "id|name",
        [
            "note data/x.csv: delimiter tab (sniffed)", "2#1 1|a,b,c",
        ]),
    CSVCase(
        "sniffed pipe", "id|name|x\n1|a,b|c\n", .csv(delimiter: .auto), names: "id|name|x",
        [
            "note data/x.csv: delimiter '|' (sniffed)", "2#1 1|a,b|c",
        ]),
    CSVCase(
        "sniffed single column", "name\nx\n", .csv(delimiter: .auto), names: "name",
        [
            "note data/x.csv: delimiter ',' (sniffed)", "2#1 x",
        ]),
    CSVCase(
        "no header, columns given", "1,a\n2,b\n", .csv(header: false, columns: ["id", "name"]), names: "id|name",
        [
            "1#1 1|a", "2#2 2|b",
        ]),
    CSVCase(
        "no header, columns given, ragged", "1,a\n2\n", .csv(header: false, columns: ["id", "name"]), names: "id|name",
        [
            "1#1 1|a", "2#2 reject ragged-row -",
        ]),
    CSVCase("no header, columns by position", "1,a\n2,b\n", .csv(header: false), names: "1|2", ["1#1 1|a", "2#2 2|b"]),
    CSVCase(
        "no header, first row broken", "1,\"a\n", .csv(header: false), names: "1|2", ["1#1 reject unterminated-quote 2"]
    ),
    CSVCase("no header, empty file", "", .csv(header: false), names: "", ["0#0 report warning empty-file -"]),
]

let encodingCases: [CSVCase] = [
    CSVCase(
        "latin1", [UInt8]("id,name\n1,Z".utf8) + [0xFC] + Array("rich ".utf8) + [0xA9, 0x80] + [0x0A],
        .csv(encoding: .latin1),
        names: "id|name", ["2#1 1|Zürich ©\u{80}"]),
    CSVCase(
        "windows-1252", [UInt8]("id,name\n1,".utf8) + [0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0xE9] + [0x0A],
        .csv(encoding: .windows1252), names: "id|name", ["2#1 1|€ “q” é"]),
    CSVCase(
        "windows-1252 undefined byte", [UInt8]("id,name\n1,a".utf8) + [0x81] + Array("\n2,b\n".utf8),
        .csv(encoding: .windows1252), names: "id|name", ["2#1 reject invalid-encoding name", "3#2 2|b"]),
    CSVCase(
        "utf-16 little endian", utf16("id,name\r\n1,Zürich 😀\r\n", bigEndian: false), .csv(encoding: .utf16),
        names: "id|name", ["2#1 1|Zürich 😀"]),
    CSVCase(
        "utf-16 big endian", utf16("id,name\n1,\"東京\n駅\"\n2,x\n", bigEndian: true), .csv(encoding: .utf16),
        names: "id|name", ["2#1 1|東京\\n駅", "4#2 2|x"]),
    CSVCase(
        "utf-16 without byte-order mark", utf16("id,name\n1,a\n", bigEndian: false, bom: false), .csv(encoding: .utf16),
        names: "id|name", ["note data/x.csv: no byte-order mark; reading UTF-16LE", "2#1 1|a"]),
    CSVCase(
        "utf-16 unpaired surrogate",
        utf16("id,name\n1,a", bigEndian: false) + [0x00, 0xD8] + utf16("\n2,b\n", bigEndian: false, bom: false),
        .csv(encoding: .utf16), names: "id|name", ["2#1 reject invalid-encoding name", "3#2 2|b"]),
    CSVCase(
        "utf-16 odd last byte", utf16("id,name\n1,a", bigEndian: false) + [0x41], .csv(encoding: .utf16),
        names: "id|name", ["2#1 reject invalid-encoding name"]),
    CSVCase(
        "utf-16 sniffed delimiter", utf16("id;name\n1;a\n", bigEndian: true), .csv(delimiter: .auto, encoding: .utf16),
        names: "id|name", ["note data/x.csv: delimiter ';' (sniffed)", "2#1 1|a"]),
]

/// Block sizes that put block boundaries everywhere (inside CRLF, UTF-8 and UTF-16 sequences, quotes), and the default.
let blockSizes = [1, 2, 3, 7, 1 << 18]

@Suite struct CSVEdgeCaseTests {
    @Test(arguments: structureCases, blockSizes)
    func structure(_ test: CSVCase, blockSize: Int) throws {
        try check(test, blockSize: blockSize)
    }

    @Test(arguments: dialectCases, blockSizes)
    func dialects(_ test: CSVCase, blockSize: Int) throws {
        try check(test, blockSize: blockSize)
    }

    @Test(arguments: encodingCases, blockSizes)
    func encodings(_ test: CSVCase, blockSize: Int) throws {
        try check(test, blockSize: blockSize)
    }

    private func check(_ test: CSVCase, blockSize: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation)
        throws
    {
        let result = try importCSV(test.bytes, options: test.options, blockSize: blockSize)
        #expect(result.names?.joined(separator: "|") == test.names, sourceLocation: sourceLocation)
        #expect(result.transcript == test.expected, sourceLocation: sourceLocation)
        #expect(result.bindProblems.isEmpty, sourceLocation: sourceLocation)
    }
}
