import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

@testable import CSVImport

@Suite struct CSVImporterTests {
    @Test func bindsColumnsToSlotsInPathOrder() throws {
        let result = try importCSV("id,name,owner\n1,a,x\n2,b,y\n", columns: ["owner", "id", "owner"])
        #expect(result.sink.accepted.map(\.slots) == [[["x"], ["1"], ["x"]], [["y"], ["2"], ["y"]]])
        #expect(result.sink.accepted.map(\.values) == [["1", "a", "x"], ["2", "b", "y"]])
    }

    @Test func unknownColumnNamesTheFileAndTheClosestName() throws {
        let result = try importCSV("id,name\n1,a\n", columns: ["id", "nme", "Name", "zzzzzz"], name: "data/apps.csv")
        #expect(
            result.bindProblems == [
                BindProblem(pathIndex: 1, message: "no column 'nme' in data/apps.csv (did you mean 'name'?)"),
                BindProblem(pathIndex: 2, message: "no column 'Name' in data/apps.csv (did you mean 'name'?)"),
                BindProblem(pathIndex: 3, message: "no column 'zzzzzz' in data/apps.csv"),
            ])
    }

    @Test func positionalColumnsExplainTheirNames() throws {
        let result = try importCSV("1,a\n", options: .csv(header: false), columns: ["2", "3"])
        #expect(result.bindProblems.map(\.pathIndex) == [1])
        #expect(result.bindProblems.first?.message.contains("named by position, 1 to 2") == true)
    }

    @Test func duplicateHeaderBindsTheFirstColumn() throws {
        let result = try importCSV("a,b,a\n1,2,3\n", columns: ["a"])
        #expect(result.sink.accepted.map(\.slots) == [[["1"]]])
        let finding = try #require(result.sink.reported.first)
        #expect(finding.message.contains("column 3 cannot be used"))
        #expect(finding.severity == .warning && finding.stage == .parse && finding.field == "a")
    }

    @Test func everyRecordOfABrokenFileIsAccountedFor() throws {
        var text = "id,name,note\n"
        var rows = 0
        for row in 1...500 {
            rows += 1
            switch row % 7 {
            case 0: text += "\(row),ragged\n"
            case 1: text += "\(row),\"multi\nline\",x\n"
            case 2: text += "\(row),\"bad\"quote,x\n"
            case 3:
                text += "\n"
                rows -= 1
            default: text += "\(row),n\(row),\"a, b\"\r\n"
            }
        }
        text += "501,\"x\",\"never closed\n502,a,b\n"
        rows += 1
        let bytes = Array(text.utf8) + [0xFF]
        for blockSize in [5, 1 << 18] {
            let result = try importCSV(bytes, blockSize: blockSize)
            let sink = result.sink
            #expect(sink.accepted.count + sink.rejected.count == rows)
            #expect(
                (sink.accepted.map(\.location.record) + sink.rejected.map { $0.location!.record }).sorted()
                    == Array(1...rows))
            #expect(sink.rejected.map(\.code).filter { $0 == "ragged-row" }.count == 71)
            #expect(sink.rejected.map(\.code).filter { $0 == "stray-quote" }.count == 72)
            #expect(sink.rejected.last?.code == "unterminated-quote")
        }
    }

    @Test func messagesNameTheRecordTheColumnAndWhatToDo() throws {
        let invalid = try importCSV([UInt8]("a,b\n\n1,Z".utf8) + [0xE9] + Array("\n".utf8), name: "in.csv").sink
            .rejected
        #expect(
            invalid.map(\.line) == [
                "in.csv:3: b: error: record 1: column 'b' is not valid UTF-8 (byte 0xE9 at byte 2 of the value): the record is "
                    + "rejected; if the file is not UTF-8, set encoding (latin1, windows-1252 or utf-16) in the mapping's source:"
            ])
        let ragged = try importCSV("a,b\n1,2,3\n", name: "in.csv").sink.rejected.map(\.message)
        #expect(
            ragged == [
                "record 1 has 3 fields but the header names 2 columns: the row is rejected, not padded (a value that holds the delimiter must be quoted)"
            ])
        let long = try importCSV("a,b\n1,\"stray\n2,x\n3,\"end\n4,y\n", options: .csv(maxFieldBytes: 8), name: "in.csv")
            .sink.rejected
        #expect(
            long.map(\.message) == [
                "record 1: column 'b' is longer than 8 bytes (--max-field-bytes), almost always a stray quote: the quote that opens it is on "
                    + "line 2 and the field runs to line 4. The record is rejected and reading goes on after that field"
            ])
        let open = try importCSV("a,b\n1,x\n2,\"y\n\n3,z\n", name: "in.csv").sink.rejected
        #expect(
            open.map(\.line) == [
                "in.csv:3: b: error: record 2: the quote that opens column 'b' on line 3 is never closed. The record is rejected "
                    + "(the records before it are kept); close the quote, or double a quote inside a value (\"\")"
            ])
    }

    @Test func veryLongLinesAreRead() throws {
        let long = String(repeating: "é", count: 200_000)
        let wide = (1...300).map { "c\($0)" }
        let text = "a,\(wide.joined(separator: ","))\r\n\(long),\(wide.joined(separator: ","))\r\n"
        for blockSize in [4096, 1 << 18] {
            let result = try importCSV(text, blockSize: blockSize)
            #expect(result.names == ["a"] + wide)
            #expect(result.sink.accepted.map(\.values) == [[long] + wide])
            #expect(result.sink.accepted.map(\.location.line) == [2])
        }
    }

    @Test func anOverlongFieldDoesNotGrowMemory() throws {
        // 8 MiB inside a stray quote, a 64 KiB limit: the parser's buffer stays near limit + block.
        var bytes = Array("a,b\n1,\"".utf8)
        bytes += [UInt8](repeating: 0x78, count: 8 << 20)
        bytes += Array("\"\n2,ok\n".utf8)
        let directory = try Fixtures.temporaryDirectory("csv")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try Fixtures.write(bytes, named: "big.csv", in: directory)
        let importer = try CSVImporterFactory(blockSize: 1 << 16).open(
            InputFile(name: "big.csv", path: path), options: .csv(maxFieldBytes: 1 << 16))
        _ = importer.bind([FieldPath("b")])
        let sink = CollectingSink()
        try importer.read(into: sink)
        #expect(sink.transcript == ["2#1 reject field-too-long b", "3#2 2|ok"])
        let buffered = try #require(importer as? CSVImporter).parser.bufferBytes
        #expect(buffered > 0 && buffered <= 3 << 16)
    }

    @Test func unreadableFileIsAnInputError() throws {
        let missing = InputFile(name: "data/missing.csv", path: "/nonexistent/missing.csv")
        let error = try #require(throws: ConversionError.self) {
            try CSVImporterFactory().open(missing, options: SourceOptions())
        }
        #expect(error.code == .input)
        #expect(error.message == "cannot open data/missing.csv (/nonexistent/missing.csv): No such file or directory")
        let directory = try Fixtures.temporaryDirectory("csv")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let folder = InputFile(name: directory, path: directory)
        let readError = try #require(throws: ConversionError.self) {
            try CSVImporterFactory().open(folder, options: SourceOptions())
        }
        #expect(readError.message.hasSuffix("Is a directory"))
    }

    @Test(
        arguments: [
            ([0xFF, 0xFE, 0x61, 0x00], SourceOptions.Encoding.utf8, "set encoding: utf-16"),
            ([0xEF, 0xBB, 0xBF, 0x61], .utf16, "remove encoding: utf-16"),
            ([0xEF, 0xBB, 0xBF, 0x61], .latin1, "remove encoding: latin1"),
        ] as [([UInt8], SourceOptions.Encoding, String)])
    func byteOrderMarkContradictingTheEncodingIsRefused(_ bytes: [UInt8], encoding: SourceOptions.Encoding, fix: String)
        throws
    {
        let error = try #require(throws: ConversionError.self) {
            try importCSV(bytes, options: .csv(encoding: encoding))
        }
        #expect(error.code == .input)
        #expect(error.message.contains(fix))
    }

    @Test(arguments: [
        ([UInt8]("a,\"b\nc,d\n".utf8), "is never closed"),
        ([UInt8]("a,\"b\"c\n1,2\n".utf8), "text after its closing quote"),
        ([UInt8]("a,b".utf8) + [0xC3, 0x28] + Array("\n1,2\n".utf8), "set encoding"),
    ])
    func brokenHeaderIsAnInputError(_ bytes: [UInt8], reason: String) throws {
        let error = try #require(throws: ConversionError.self) { try importCSV(bytes) }
        #expect(error.code == .input)
        #expect(error.message.contains(reason))
    }
}
