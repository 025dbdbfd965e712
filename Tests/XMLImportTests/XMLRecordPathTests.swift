import LDIFBulkTesting
import LDIFCore
import Testing
import XMLImport

struct XMLRecordPathTests {
    static let bom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1">
          <metadata><component><name>the product</name></component></metadata>
          <components>
            <component bom-ref="a">
              <name>alpha</name>
              <components>
                <component bom-ref="a1"><name>alpha-one</name></component>
                <component bom-ref="a2"><name>alpha-two</name>
                  <components><component bom-ref="a2x"><name>deep</name></component></components>
                </component>
              </components>
            </component>
            <component bom-ref="b"><name>beta</name></component>
          </components>
        </bom>
        """

    @Test func absolutePathSelectsOnlyThoseElements() throws {
        let sink = try importXML(Self.bom, records: "/bom/components/component", paths: ["name", "@bom-ref"])
        #expect(sink.records.map { $0.texts(0) } == [["alpha"], ["beta"]])
        #expect(sink.records.map { $0.texts(1) } == [["a"], ["b"]])
        #expect(sink.records.map(\.location.line) == [5, 14])
        #expect(sink.records.map(\.location.record) == [1, 2])
        #expect(sink.records.allSatisfy { $0.location.file == "input.xml" })
        #expect(sink.findingCodes.isEmpty)
    }

    @Test func anyDepthMakesNestedElementsRecordsOfTheirOwn() throws {
        let sink = try importXML(
            Self.bom, records: "//component", paths: ["@bom-ref", "name", "components/component/name"])
        // End-tag order: a nested record goes on as soon as it ends, before the record around it,
        // and is not part of the outer one.
        #expect(sink.records.map { $0.texts(0) } == [[], ["a1"], ["a2x"], ["a2"], ["a"], ["b"]])
        #expect(
            sink.records.map { $0.texts(1) } == [
                ["the product"], ["alpha-one"], ["deep"], ["alpha-two"], ["alpha"], ["beta"],
            ])
        #expect(sink.records.allSatisfy { $0.texts(2).isEmpty })
        #expect(sink.records.map(\.location.record) == [1, 3, 5, 4, 2, 6])
        #expect(sink.records.map(\.location.line) == [3, 8, 10, 9, 5, 14])
    }

    @Test func anyDepthWithParentNames() throws {
        let sink = try importXML(Self.bom, records: "//components/component", paths: ["name"])
        #expect(sink.records.map { $0.texts(0) } == [["alpha-one"], ["deep"], ["alpha-two"], ["alpha"], ["beta"]])
    }

    @Test func outerRecordTextLeavesNestedRecordsOut() throws {
        let xml = "<r><item>outer <item>inner</item> tail</item></r>"
        let sink = try importXML(xml, records: "//item", paths: ["."])
        #expect(sink.records.map { $0.texts(0) } == [["inner"], ["outer  tail"]])
    }

    @Test func everyElementAsARecordGoesOnAsItEnds() throws {
        // `//*`: the document element is a record around all the others; none waits for it.
        let children = (1...500).map { "<c><v>\($0)</v></c>" }.joined()
        let sink = try importXML("<r>\(children)</r>", records: "//*", paths: ["v"])
        #expect(sink.records.count == 1 + 500 + 500)
        #expect(sink.records.first?.location.record == 3)
        #expect(sink.records.last?.location.record == 1)
        #expect(sink.records.last?.texts(0).isEmpty == true)
    }

    @Test func withoutAPathTheDocumentElementsChildrenAreRecords() throws {
        let xml = "<apps><app><id>1</id></app><other><id>2</id></other></apps>"
        let sink = try importXML(xml, records: nil, paths: ["id"])
        #expect(sink.records.map { $0.texts(0) } == [["1"], ["2"]])
    }

    @Test func wildcardStepMatchesAnyName() throws {
        let xml = "<apps><a><id>1</id></a><b><id>2</id></b></apps>"
        let sink = try importXML(xml, records: "/apps/*", paths: ["id"])
        #expect(sink.records.count == 2)
    }

    @Test func namesMatchByLocalNameWhateverThePrefix() throws {
        let xml = """
            <x:list xmlns:x="urn:x" xmlns:y="urn:y"><x:item y:id="7"><y:name>n</y:name></x:item></x:list>
            """
        let sink = try importXML(xml, records: "/list/item", paths: ["name", "@id", "y:name"])
        #expect(
            sink.records.map(\.slots) == [
                [
                    [.init(kind: .string, text: "n")], [.init(kind: .string, text: "7")],
                    [.init(kind: .string, text: "n")],
                ]
            ])
    }

    @Test func aPathThatMatchesNothingIsReported() throws {
        let sink = try importXML("<a><b/></a>", records: "/a/c", paths: [])
        #expect(sink.records.isEmpty)
        #expect(sink.reported.map(\.code) == ["no-records"])
        #expect(sink.reported.first?.severity == .warning)
    }

    @Test(arguments: ["bom/components", "/", "//", "/bom//component", "/bom/@id", "/bom/components[1]", "/bom/"])
    func malformedRecordPathsAreRefused(path: String) throws {
        let file = try TemporaryFile(named: "input.xml", text: "<bom/>")
        var options = SourceOptions()
        options.records = path
        #expect {
            _ = try XMLImporterFactory().open(file.input, options: options)
        } throws: { error in
            (error as? ConversionError)?.code == .options && "\(error)".contains(path)
        }
    }

    @Test func aMissingFileIsAnInputError() throws {
        let input = InputFile(name: "missing.xml", path: "/nonexistent/missing.xml")
        #expect {
            _ = try XMLImporterFactory().open(input, options: SourceOptions())
        } throws: { error in
            (error as? ConversionError)?.code == .input && "\(error)".contains("missing.xml")
        }
        #expect(XMLImporterFactory().formats == ["xml"])
    }
}
