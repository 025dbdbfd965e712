import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing
import XMLImport

struct XMLMalformedTests {
    /// Records 1...count on lines 3... (one per line), then `tail`.
    static func document(records count: Int, tail: String) -> String {
        var xml = "<?xml version=\"1.0\"?>\n<root>\n"
        for number in 1...count {
            xml += "  <r><id>\(number)</id><name>record \(number)</name></r>\n"
        }
        return xml + tail
    }

    @Test func malformedDocumentKeepsEveryRecordBeforeTheError() throws {
        // Small records: many of them sit in the reader's look-ahead when the error comes.
        let xml = Self.document(records: 40, tail: "  <r><id>41</id></name></r>\n  <r><id>42</id></r>\n</root>\n")
        let sink = try importXML(xml, records: "/root/r", paths: ["id"])
        #expect(sink.records.map { $0.texts(0) } == (1...40).map { ["\($0)"] })
        let finding = try #require(sink.reported.first { $0.code == "malformed-xml" })
        #expect(finding.severity == .error && finding.stage == .parse)
        #expect(finding.location?.line == 43)
        #expect(finding.location?.column == 24)
        #expect(finding.location?.file == "input.xml")
        #expect(finding.message.contains("mismatch"))
        #expect(finding.message.contains("40 records"))
        #expect(sink.reported.count == 1)
        #expect(sink.rejected.isEmpty)
    }

    @Test func truncatedDocumentKeepsTheCompleteRecords() throws {
        let xml = Self.document(records: 25, tail: "  <r><id>26</id><na")
        let sink = try importXML(xml, records: "/root/r", paths: ["id"])
        #expect(sink.records.count == 25)
        #expect(sink.reported.map(\.code) == ["malformed-xml"])
    }

    @Test func errorInTheFirstRecordKeepsNothingAndSaysSo() throws {
        let sink = try importXML("<root><r><id>1</id><r></root>", records: "/root/r", paths: ["id"])
        #expect(sink.records.isEmpty)
        let finding = try #require(sink.reported.first)
        #expect(finding.code == "malformed-xml")
        #expect(finding.location?.line == 1)
        #expect(finding.message.contains("0 records"))
    }

    @Test(arguments: [
        "", "<", "<r>", "</r>", "<r></s>", "<r a=1/>", "<r a='1' a='2'/>", "<r>&undefined;</r>", "<r/><r/>",
        "<r>\u{1}</r>", "<?xml version=\"1.0\" encoding=\"no-such-encoding\"?><r/>", "<r><![CDATA[x</r>",
        "<r><!-- x -- y --></r>", "<1r/>", "<r xmlns:a='urn:a'><a:b:c/></r>", String(repeating: "<a>", count: 300),
    ])
    func malformedDocumentsGiveAFindingNeverACrash(xml: String) throws {
        let sink = try importXML(xml, records: "//r", paths: ["."])
        #expect(sink.findingCodes.contains("malformed-xml") || sink.findingCodes.contains("xml-warning"))
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let secret = try TemporaryFile(named: "secret.txt", text: "TOP-SECRET-CONTENT")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r [ <!ENTITY xxe SYSTEM "file://\(secret.url.path)"> ]>
            <r><c><v>before &xxe; after</v></c></r>
            """
        let sink = try importXML(xml, records: "/r/c", paths: ["v"])
        #expect(sink.records.first?.texts(0) == ["before  after"])
        #expect(sink.reported.map(\.code) == ["external-entity"])
        #expect(sink.reported.first?.message.contains("TOP-SECRET") == false)
    }

    @Test func externalDTDIsNotLoaded() throws {
        let dtd = try TemporaryFile(named: "evil.dtd", text: "<!ENTITY leak \"LEAKED\">")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE r SYSTEM "file://\(dtd.url.path)">
            <r><c><v>x</v></c></r>
            """
        let sink = try importXML(xml, records: "/r/c", paths: ["v"])
        #expect(sink.records.first?.texts(0) == ["x"])
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            xml += " <!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        xml += "]>\n<lolz><r><n>a</n></r><r><n>&lol9;</n></r></lolz>\n"
        let sink = try importXML(xml, records: "/lolz/r", paths: ["n"])
        #expect(sink.records.map { $0.texts(0) } == [["a"]])
        #expect(sink.reported.map(\.code) == ["malformed-xml"])
    }

    @Test func quadraticBlowupStaysWithinTheRecordLimit() throws {
        // One large entity referenced many times: each reference is legal, the sum is not.
        let big = String(repeating: "x", count: 50_000)
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [ <!ENTITY big \"\(big)\"> ]>\n<r><c><v>"
        xml += String(repeating: "&big;", count: 2_000) + "</v></c><c><v>fine</v></c></r>"
        var options = SourceOptions()
        options.maxFieldBytes = 1 << 20
        let sink = try importXML(xml, records: "/r/c", paths: ["v"], options: options)
        #expect(sink.rejected.map(\.code) == ["record-too-large"])
        #expect(sink.rejected.first?.location?.record == 1)
        #expect(sink.records.map { $0.texts(0) } == [["fine"]])
    }

    @Test func valueOverTheFieldLimitRejectsItsRecord() throws {
        var options = SourceOptions()
        options.maxFieldBytes = 10
        let xml = "<r><c><v>short</v></c><c><v>much longer than ten</v></c><c><v>ok</v></c></r>"
        let sink = try importXML(xml, records: "/r/c", paths: ["v"], options: options)
        #expect(sink.records.map { $0.texts(0) } == [["short"], ["ok"]])
        let finding = try #require(sink.rejected.first)
        #expect(finding.code == "field-too-long")
        #expect(finding.location?.record == 2)
        #expect(finding.field == "v")
    }

    @Test func linesPastTheSixteenBitLimitAreExact() throws {
        var xml = "<root>\n"
        for number in 1...35_000 {
            xml += "  <r>\n    <id>\(number)</id>\n  </r>\n"
        }
        xml += "</root>\n"
        let sink = try importXML(xml, records: "/root/r", paths: ["id"])
        #expect(sink.records.count == 35_000)
        #expect(sink.records.allSatisfy { $0.location.line == 3 * $0.location.record - 1 })
    }
}
