import Foundation
import LDIFBulkTesting
import Testing

/// The README's XML and JSON field path tables, row by row, run through the
/// built binary exactly as written.
struct ReadmePathTableTests {
    struct Row: Sendable, CustomStringConvertible {
        var format: String
        var template: String
        var record: String
        var result: String
        var description: String { "\(format): \(template) on \(record)" }
    }

    /// Rows of the table whose header is `| template | XML record | result |` (or `JSON record`).
    static func rows(_ format: String) -> [Row] {
        guard let text = try? String(contentsOfFile: "\(Fixtures.root)/README.md", encoding: .utf8) else { return [] }
        var rows: [Row] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "| template | \(format.uppercased()) record | result |" {
                inTable = true
                continue
            }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { break }
            if line.hasPrefix("|---") { continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|").map {
                let cell = $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|")
                return cell.hasPrefix("`") && cell.hasSuffix("`") ? String(cell.dropFirst().dropLast()) : cell
            }
            rows.append(Row(format: format, template: cells[0], record: cells[1], result: cells[2]))
        }
        return rows
    }

    static let xmlRows = rows("xml")
    static let jsonRows = rows("json")

    @Test func theTablesAreThere() {
        #expect(Self.xmlRows.count >= 15)
        #expect(Self.jsonRows.count >= 15)
    }

    @Test(arguments: xmlRows + jsonRows)
    func readmeRow(_ row: Row) async throws {
        let directory = try Fixtures.temporaryDirectory("readme-paths")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let document = row.format == "xml" ? "<records>\(row.record)</records>" : "[\(row.record)]"
        let input = try Fixtures.write(Array(document.utf8), named: "record.\(row.format)", in: directory)
        let mapping = """
            ldif: { connectorType: t, connectorId: t, connectorVersion: 1.0.0 }
            items:
              - type: T
                id: "{{ $record }}"
                data:
                  f: |-
                    \(row.template)

            """
        let mappingPath = try Fixtures.write(Array(mapping.utf8), named: "m.yaml", in: directory)
        let result = try await BinaryRunner.run(["convert", "--mapping", mappingPath, "--stdout", input])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("findings: 0 errors, 0 warnings"), "\(result.standardError)")
        let prefix = #""data":{"#
        let start = try #require(result.standardOutput.range(of: prefix)).upperBound
        var data = String(result.standardOutput[start...]).trimmingCharacters(in: .newlines)
        #expect(data.hasSuffix("}}]}"), "\(result.standardOutput)")
        data = String(data.dropLast(4))
        let expected = row.result == "(left out)" ? "" : #""f":"# + row.result
        #expect(data == expected)
    }
}
