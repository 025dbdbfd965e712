import LDIFBulkTesting
import LDIFCore
import Testing
import XMLImport

struct XMLFieldPathTests {
    static let component = """
        <components>
          <component type="library" bom-ref="pkg:npm/a@1">
            <supplier id="s1"><name>ACME</name><url>https://a.example</url><url>https://b.example</url></supplier>
            <name>a</name>
            <licenses>
              <license><id>MIT</id></license>
              <license><id>Apache-2.0</id></license>
              <license><name>custom</name></license>
            </licenses>
            <hashes/>
          </component>
        </components>
        """

    @Test(
        arguments: [
            ("name", ["a"]),
            ("@bom-ref", ["pkg:npm/a@1"]),
            ("@type", ["library"]),
            ("supplier/name", ["ACME"]),
            ("supplier/@id", ["s1"]),
            ("supplier/url", ["https://a.example", "https://b.example"]),
            ("licenses/license/id", ["MIT", "Apache-2.0"]),
            ("licenses/license/name", ["custom"]),
            ("supplier", ["ACMEhttps://a.examplehttps://b.example"]),
            ("hashes", [""]),
            ("hashes/hash", []),
            ("version", []),
            ("@missing", []),
            ("supplier/@missing", []),
        ] as [(String, [String])])
    func pathSelectsValues(path: String, expected: [String]) throws {
        let sink = try importXML(Self.component, records: "/components/component", paths: [path])
        let record = try #require(sink.records.first)
        #expect(record.texts(0) == expected)
        #expect(record.slots[0].allSatisfy { $0.kind == .string })
    }

    @Test func slotsAreFilledIndependently() throws {
        let paths = ["licenses/license/id", "name", "supplier/url", "nothing", "supplier", "supplier/name"]
        let sink = try importXML(Self.component, records: "/components/component", paths: paths)
        let record = try #require(sink.records.first)
        #expect(record.slots.map(\.count) == [2, 1, 2, 0, 1, 1])
        #expect(record.texts(4) == ["ACMEhttps://a.examplehttps://b.example"])
        #expect(record.texts(5) == ["ACME"])
    }

    @Test func attributeValuesInsideACollectedElementStayOutOfItsText() throws {
        let xml = #"<r><c><s><a x="1">one</a><a x="2">two</a></s></c></r>"#
        let sink = try importXML(xml, records: "/r/c", paths: ["s", "s/a/@x", "s/a"])
        let record = try #require(sink.records.first)
        #expect(record.texts(0) == ["onetwo"])
        #expect(record.texts(1) == ["1", "2"])
        #expect(record.texts(2) == ["one", "two"])
    }

    @Test func dotIsTheRecordElementsOwnText() throws {
        let sink = try importXML(
            "<tags><tag>red</tag><tag> blue </tag><tag/></tags>", records: "/tags/tag", paths: ["."])
        #expect(sink.records.map { $0.texts(0) } == [["red"], [" blue "], [""]])
    }

    @Test func defaultNamespaceNeedsNoPrefix() throws {
        let xml = """
            <bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components>
            <component><name>x</name><hashes><hash alg="SHA-256">abc</hash></hashes></component>
            </components></bom>
            """
        let sink = try importXML(
            xml, records: "/bom/components/component", paths: ["name", "hashes/hash", "hashes/hash/@alg"])
        #expect(sink.records.map(\.slots).first?.map { $0.map(\.text) } == [["x"], ["abc"], ["SHA-256"]])
    }

    @Test func quotedPathIsOneName() throws {
        let file = try TemporaryFile(named: "input.xml", text: "<r><c><first-name>Ada</first-name></c></r>")
        var options = SourceOptions()
        options.records = "/r/c"
        let importer = try XMLImporterFactory().open(file.input, options: options)
        #expect(importer.fieldNames == nil)
        #expect(
            importer.bind([FieldPath("first-name", quoted: true), FieldPath("a/b", quoted: true)]).map(\.pathIndex) == [
                1
            ])
        let sink = CollectingSink()
        try importer.read(into: sink)
        #expect(sink.records.first?.texts(0) == ["Ada"])
    }

    @Test(arguments: ["", "a//b", "a/", "@x/y", "*", "a/*/b", "..", "a/../b", "a[1]", "@", "text()", "1abc"])
    func malformedPathsAreBindProblems(path: String) throws {
        let file = try TemporaryFile(named: "input.xml", text: "<r/>")
        let importer = try XMLImporterFactory().open(file.input, options: SourceOptions())
        let problems = importer.bind([FieldPath("name"), FieldPath(path)])
        #expect(problems.map(\.pathIndex) == [1])
        #expect(problems.first.map { !$0.message.isEmpty } == true)
    }
}
