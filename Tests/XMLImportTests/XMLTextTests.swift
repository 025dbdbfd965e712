import Foundation
import LDIFCore
import Testing
import XMLImport

struct XMLTextTests {
    static let prolog = """
        <?xml version="1.0"?>
        <!DOCTYPE r [
          <!ENTITY company "ACME &amp; Co">
          <!ENTITY nested "&company; (&#169;)">
        ]>
        """

    @Test(
        arguments: [
            ("<v>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</v>", "a & b <c> \"d\" 'e'"),
            ("<v>caf&#233; &#x1F600;</v>", "café 😀"),
            ("<v><![CDATA[<raw> & ]]]]><![CDATA[>]]></v>", "<raw> & ]]>"),
            ("<v>  padded  </v>", "  padded  "),
            ("<v>   </v>", "   "),
            ("<v><![CDATA[ ]]></v>", " "),
            ("<v>line one\nline two</v>", "line one\nline two"),
            ("<v>a\r\nb</v>", "a\nb"),
            ("<v>&company;</v>", "ACME & Co"),
            ("<v>&nested;!</v>", "ACME & Co (©)!"),
            ("<v>&company; <![CDATA[x]]></v>", "ACME & Co x"),
            ("<v>one<!-- a comment -->two<?pi data?></v>", "onetwo"),
            ("<v>\n  <b>bold</b>\n  <i>it</i>\n</v>", "boldit"),
            ("<v>mixed <b>bold</b> text</v>", "mixed bold text"),
            ("<v/>", ""),
            ("<v></v>", ""),
        ] as [(String, String)])
    func textIsResolvedAsXMLDefines(element: String, expected: String) throws {
        let xml = Self.prolog + "<r><c>\(element)</c></r>"
        let sink = try importXML(xml, records: "/r/c", paths: ["v"])
        #expect(sink.records.first?.texts(0) == [expected])
        #expect(sink.findingCodes.isEmpty)
    }

    @Test func attributeValuesAreNormalizedAndResolved() throws {
        let xml = Self.prolog + "<r><c a=\"x &amp; &#233;\n y\" b='&company;'/></r>"
        let sink = try importXML(xml, records: "/r/c", paths: ["@a", "@b"])
        #expect(sink.records.first?.slots.map { $0.map(\.text) } == [["x & é  y"], ["ACME & Co"]])
    }

    @Test func indentationBetweenRecordsAndFieldsIsNotData() throws {
        let xml = """
            <r>
              <c>
                <name>
                  <first>Ada</first>
                  <last>Lovelace</last>
                </name>
              </c>
            </r>
            """
        let sink = try importXML(xml, records: "/r/c", paths: [".", "name", "name/first"])
        #expect(sink.records.first?.slots.map { $0.map(\.text) } == [["AdaLovelace"], ["AdaLovelace"], ["Ada"]])
    }

    @Test func latin1DeclaredInThePrologIsDecoded() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><c n=\"".utf8)
        bytes += [0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72]  // "Müller" in ISO-8859-1
        bytes += Array("\"><v>".utf8) + [0xC6, 0x72, 0xF8] + Array("</v></c></r>".utf8)  // "Ærø"
        let sink = try importXML(bytes, records: "/r/c", paths: ["@n", "v"])
        #expect(sink.records.first?.slots.map { $0.map(\.text) } == [["Müller"], ["Ærø"]])
    }

    @Test func utf16WithABOMIsDecoded() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><c><v>Grüße</v></c></r>"
        let bytes: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let sink = try importXML(bytes, records: "/r/c", paths: ["v"])
        #expect(sink.records.first?.texts(0) == ["Grüße"])
    }

    @Test func optionsEncodingOverridesAMissingDeclaration() throws {
        var options = SourceOptions()
        options.encoding = .latin1
        let bytes = Array("<r><c><v>".utf8) + [0xE9] + Array("</v></c></r>".utf8)
        let sink = try importXML(bytes, records: "/r/c", paths: ["v"], options: options)
        #expect(sink.records.first?.texts(0) == ["é"])
    }

    @Test func invalidUTF8IsMalformed() throws {
        let bytes = Array("<r><c><v>ok</v></c><c><v>".utf8) + [0xFF, 0xFE] + Array("</v></c></r>".utf8)
        let sink = try importXML(bytes, records: "/r/c", paths: ["v"])
        #expect(sink.records.map { $0.texts(0) } == [["ok"]])
        #expect(sink.reported.map(\.code) == ["malformed-xml"])
    }
}
