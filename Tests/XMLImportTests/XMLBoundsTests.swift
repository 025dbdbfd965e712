import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

@testable import XMLImport

/// Documents made to exhaust the reader: too many attributes, huge texts, deep nesting, nothing at all.
struct XMLBoundsTests {
    static func tag(attributes count: Int, name: String = "e") -> String {
        "<\(name) " + (0..<count).map { "a\($0)=\"\($0)\"" }.joined(separator: " ") + "/>"
    }

    @Test func anElementWithTooManyAttributesRejectsItsRecordOnly() throws {
        let limit = XMLAttributeGuard.limit
        let xml = "<r><i><id>1</id></i><i><id>2</id>\(Self.tag(attributes: limit * 5))</i><i><id>3</id></i></r>"
        let sink = try importXML(xml, records: "/r/i", paths: ["id"])
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["3"]])
        let finding = try #require(sink.rejected.first)
        #expect(finding.code == "too-many-attributes")
        #expect(finding.location?.record == 2)
        #expect(finding.message.contains("more than \(limit) attributes"))
        #expect(sink.reported.isEmpty)
    }

    @Test func anElementAtTheLimitIsRead() throws {
        let limit = XMLAttributeGuard.limit
        let xml = "<r><i><id>1</id>\(Self.tag(attributes: limit))</i></r>"
        let sink = try importXML(xml, records: "/r/i", paths: ["id", "e/@a999"])
        #expect(sink.records.map { $0.texts(1) } == [["999"]])
        #expect(sink.findingCodes.isEmpty)
    }

    @Test func theGuardHandsOnAtMostOneAttributePastTheLimitWhateverTheChunks() {
        let limit = XMLAttributeGuard.limit
        let xml =
            "<!-- <x a=\"1\" b=\"2\"> --><?p a=b?><!DOCTYPE r [<!ENTITY q \"x>y\">]>"
            + "<r><![CDATA[<z a='1'>]]>\(Self.tag(attributes: limit * 3))<t k='>' l=\"'\">text</t></r>"
        for chunk in [1, 7, 4096] {
            var filter = XMLAttributeGuard()
            var bytes = Array(xml.utf8)
            var output: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let count = min(chunk, bytes.count - start)
                let kept = bytes.withUnsafeMutableBufferPointer { filter.filter($0.baseAddress! + start, count: count) }
                output += bytes[start..<(start + kept)]
                start += count
            }
            let text = String(decoding: output, as: UTF8.self)
            let expected = xml.replacingOccurrences(
                of: Self.tag(attributes: limit * 3),
                with: String(Self.tag(attributes: limit + 1).dropLast(2)) + "/>")
            #expect(text == expected, "chunks of \(chunk)")
            #expect(filter.cutTags == 1)
        }
    }

    @Test func aHugeTextSaysWhichOptionLiftsTheLimit() throws {
        let big = String(repeating: "x", count: XMLImporter.libxmlTextLimit + 10)
        let xml = "<r><i><id>1</id></i><i><id>2</id><blob>\(big)</blob></i></r>"
        let sink = try importXML(xml, records: "/r/i", paths: ["id"])
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.message.contains("--max-field-bytes above \(XMLImporter.libxmlTextLimit)"))
        #expect(sink.records.map { $0.texts(0) } == [["1"]])

        var options = SourceOptions()
        options.maxFieldBytes = 2 * XMLImporter.libxmlTextLimit
        let lifted = try importXML(xml, records: "/r/i", paths: ["id"], options: options)
        #expect(lifted.records.map { $0.texts(0) } == [["1"], ["2"]])
        #expect(lifted.findingCodes.isEmpty)
    }

    @Test func deepNestingSaysWhatToDo() throws {
        let xml = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        let sink = try importXML(xml, records: "//a", paths: ["."])
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.message.contains("nest more than 256 levels"))
    }

    @Test(arguments: ["", "  \n\n", "\u{FEFF}"])
    func anEmptyFileSaysItIsEmpty(xml: String) throws {
        let sink = try importXML(xml, records: "//r", paths: ["."])
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.message.hasPrefix("the file is empty"))
        #expect(sink.reported.count == 1)
    }

    @Test(arguments: ["<?xml version=\"1.0\"?>\n", "<!-- only a comment -->"])
    func aDocumentWithoutAnElementSaysSo(xml: String) throws {
        let sink = try importXML(xml, records: "//r", paths: ["."])
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.message.hasPrefix("the document has no element"))
    }

    @Test func libxmlMessagesStayOnOneLine() throws {
        // libxml2 says "Input is not proper UTF-8, indicate encoding !\nBytes: 0xFF ...".
        let bytes = Array("<r><i>".utf8) + [0xFF, 0xFE, 0x41] + Array("</i></r>".utf8)
        let sink = try importXML(bytes, records: "/r/i", paths: ["."])
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.message.contains("UTF-8"))
        #expect(!finding.message.contains("\n"))
    }

    @Test func nestedRecordsBeforeAnErrorAreHandedOnOnce() throws {
        let xml = "<r><a><b>1</b><b>2</b></a><a><b>3</b></a>" + "<x></y></r>"
        let sink = try importXML(xml, records: "//*", paths: ["."])
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["2"], [""], ["3"], [""]])
        #expect(sink.records.map(\.location.record) == [3, 4, 2, 6, 5])
        #expect(sink.reported.map(\.code) == ["malformed-xml"])
    }
}
