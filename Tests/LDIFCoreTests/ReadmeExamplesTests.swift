import Foundation
import LDIFBulkTesting
import Testing

/// The README's filter table, row by row, run exactly as written.
struct ReadmeExamplesTests {
    struct Row: Sendable, CustomStringConvertible {
        var template: String
        var value: String
        var result: String
        var description: String { template }
    }

    static let rows: [Row] = {
        guard let text = try? String(contentsOfFile: "\(Fixtures.root)/README.md", encoding: .utf8) else { return [] }
        var rows: [Row] = []
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| filter | template | value | result |") {
                inTable = true
                continue
            }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { break }
            if line.hasPrefix("|---") { continue }
            let cells = line.replacingOccurrences(of: "\\|", with: "\u{1}").split(separator: "|").map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{1}", with: "|")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            }
            rows.append(Row(template: cells[1], value: cells[2], result: cells[3]))
        }
        return rows
    }()

    static let extra = """
        maps:
          crit: { "1": missionCritical, "2": businessCritical }
        lookups:
          people: { file: people, format: table, key: id, value: name }
        """

    @Test func theTableIsThere() {
        #expect(Self.rows.count >= 17)
    }

    @Test(arguments: rows)
    func readmeRow(_ row: Row) throws {
        let value = try JSONDecoder().decode(String.self, from: Data(row.value.utf8))
        let people = [["id", "name"], ["u1", "Ada Lovelace"]]
        let (json, findings) = try field(row.template, value, extra: Self.extra, tables: ["people": people])
        #expect(json == row.result)
        #expect(findings.isEmpty)
    }
}
