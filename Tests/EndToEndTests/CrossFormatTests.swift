import Foundation
import LDIFBulkTesting
import Testing

/// The same twelve inventory records as CSV, XML, JSON and an Excel workbook, through
/// mappings that differ only in `source` and field paths, give the same LDIF byte for byte.
struct CrossFormatTests {
    static let formats = ["csv", "xml", "json", "xlsx"]

    /// Converts `fixtures/inventory/inventory.FORMAT` with its mapping and returns the LDIF.
    func convert(_ format: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "fixtures/inventory/inventory-\(format).yaml", "--stdout",
            "fixtures/inventory/inventory.\(format)",
        ])
        #expect(result.status == 0, "\(format): \(result.standardError)", sourceLocation: sourceLocation)
        #expect(
            result.standardError.contains("records: 12 read, 12 emitted, 0 filtered, 0 rejected"),
            "\(format): \(result.standardError)", sourceLocation: sourceLocation)
        #expect(
            result.standardError.contains("findings: 0 errors, 0 warnings"), "\(format): \(result.standardError)",
            sourceLocation: sourceLocation)
        return result.standardOutput
    }

    @Test func csvXMLJSONAndXLSXGiveByteIdenticalLDIF() async throws {
        var outputs: [String] = []
        for format in Self.formats { outputs.append(try await convert(format)) }
        #expect(outputs[1] == outputs[0], "XML differs from CSV")
        #expect(outputs[2] == outputs[0], "JSON differs from CSV")
        #expect(outputs[3] == outputs[0], "XLSX differs from CSV")
        Golden.check(outputs[0], against: "expected/inventory.json")
    }

    /// Text from CSV and XML and typed JSON values meet in the same typed LDIF.
    @Test(arguments: formats)
    func valuesComeOutTyped(_ format: String) async throws {
        let ldif = try await convert(format)
        let object = try JSONSerialization.jsonObject(with: Data(ldif.utf8)) as? [String: Any]
        let items = try #require(object?["content"] as? [[String: Any]])
        let byId = Dictionary(
            uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["data"] as? [String: Any] ?? [:]) })
        let acme = try #require(byId["inv-002"])
        #expect(acme["name"] as? String == #"Acme "Pro" Suite, EU edition"#)
        #expect(acme["tags"] as? [String] == ["crm"])
        #expect(acme["owner"] as? String == "unassigned")
        #expect(ldif.contains(#""annualCost":980,"users":45,"active":true,"since":"2021-06-15""#))
        let archive = try #require(byId["inv-005"])
        #expect(archive["tags"] == nil)
        #expect(archive["active"] as? Bool == false)
        #expect(byId["inv-003"]?["description"] as? String == "Line one\nLine two, with a comma\nLine three")
        #expect(byId["inv-009"]?["name"] as? String == "Shipping 📦 Tracker")
        #expect(byId["inv-010"]?["description"] == nil)
    }
}
