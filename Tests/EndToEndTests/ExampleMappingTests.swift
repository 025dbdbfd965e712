import Foundation
import LDIFBulkTesting
import Testing

/// The example mappings of mappings/ on their fixtures: a CycloneDX SBOM in
/// both of its forms, and a JSON document keyed by version.
struct ExampleMappingTests {
    func items(_ ldif: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(ldif.utf8)) as? [String: Any]
        return try #require(object?["content"] as? [[String: Any]])
    }

    @Test func cycloneDXInXMLAndJSONGivesTheSameITComponents() async throws {
        let xml = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/cyclonedx-xml.yaml", "--stdout", "--pretty", "fixtures/sbom/bom.xml",
        ])
        let json = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/cyclonedx-json.yaml", "--stdout", "--pretty", "fixtures/sbom/bom.json",
        ])
        for result in [xml, json] {
            #expect(result.status == 0, "\(result.standardError)")
            #expect(
                result.standardError.contains("records: 16 read, 16 emitted, 0 filtered, 0 rejected"),
                "\(result.standardError)")
            #expect(result.standardError.contains("findings: 0 errors, 0 warnings"), "\(result.standardError)")
        }
        #expect(xml.standardOutput == json.standardOutput)
        Golden.check(xml.standardOutput, against: "expected/sbom/cyclonedx.pretty.json")
    }

    @Test func sbomLicensesAreArraysAndNestedComponentsAreListed() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/cyclonedx-xml.yaml", "--stdout", "fixtures/sbom/bom.xml",
        ])
        let byName = Dictionary(
            uniqueKeysWithValues: try items(result.standardOutput).map {
                let data = $0["data"] as? [String: Any] ?? [:]
                return (data["name"] as? String ?? "", data)
            })
        #expect(byName["orders-service"] == nil, "metadata/component is the product, not a component")
        #expect(byName["cyclonedx-maven-plugin"] == nil, "tools are not components")
        #expect(byName["json"] == nil, "a nested component is not a top-level record")
        #expect(byName["log4j-core"]?["licenses"] as? [String] == ["Apache-2.0"])
        #expect(byName["logback-classic"]?["licenses"] as? [String] == ["EPL-1.0", "LGPL-2.1-only"])
        #expect(byName["bcprov-jdk18on"]?["licenseNames"] as? [String] == ["Bouncy Castle Licence"])
        #expect(
            byName["javax.annotation-api"]?["licenseExpression"] as? String
                == "CDDL-1.0 OR GPL-2.0-only WITH Classpath-exception-2.0")
        let ordersCommon = try #require(byName["orders-common"])
        #expect(ordersCommon["licenses"] == nil)
        #expect(ordersCommon["supplier"] as? String == "Example Retail GmbH, Zürich")
        #expect(ordersCommon["contains"] as? [String] == ["pkg:maven/org.json/json@20240303"])
        let hashes = try #require(byName["log4j-core"]?["hashes"] as? [String: [String]])
        #expect(hashes["algorithms"] == ["SHA-1", "SHA-256", "SHA-512"])
        #expect(hashes["values"]?.map(\.count) == [40, 64, 128])
        #expect(byName["fax-gateway-client"]?["hashes"] == nil)
    }

    @Test func releasesKeyedByVersionBecomeOneItemEach() async throws {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/releases.yaml", "--stdout", "--pretty", "fixtures/releases.json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardError.contains("records: 6 read, 5 emitted, 1 filtered, 0 rejected"),
            "\(result.standardError)")
        Golden.check(result.standardOutput, against: "expected/releases.pretty.json")
        let ids = try items(result.standardOutput).map { $0["id"] as? String }
        #expect(ids == ["1.0.0", "1.1.0", "1.2.0", "2.0.0", "2.1.0"].map { "acme-platform-\($0)" })
        #expect(result.standardOutput.contains(#""longTermSupport": true"#))
    }
}
