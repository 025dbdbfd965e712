import Foundation
import LDIFBulkTesting
import Testing

/// CSV rows are read into storage that the conversion keeps (no copy per row) and handed on
/// batch by batch: a rejected row must leave nothing behind in it, the first row of a file
/// without a header (read before the others to count its columns) must keep its place, and
/// every value must stay with its row across many batches.
struct RowsInPlaceTests {
    static let rows = 3000

    /// Row `n` (1-based) and what it should give: every 97th is ragged, every 211th holds a byte
    /// that is not UTF-8, every 5th has a note over two lines.
    static func row(_ n: Int) -> (bytes: [UInt8], item: [String: String]?, lines: Int) {
        if n % 97 == 0 { return (Array("r\(n),ragged".utf8), nil, 1) }
        if n % 211 == 0 { return (Array("r\(n),bad".utf8) + [0xFF] + Array(",note".utf8), nil, 1) }
        if n % 5 == 0 {
            let note = "first \(n)\nsecond \"\(n)\""
            let line = "r\(n),näme \(n),\"first \(n)\nsecond \"\"\(n)\"\"\""
            return (Array(line.utf8), ["name": "näme \(n)", "note": note], 2)
        }
        return (Array("r\(n),name \(n),note \(n)".utf8), ["name": "name \(n)", "note": "note \(n)"], 1)
    }

    /// Rows rejected after some of their fields were already kept (a field over the limit, a quote
    /// never closed at the end of the file) leave nothing behind either.
    @Test func rowsRejectedMidwayLeaveNothingBehind() throws {
        let directory = try Fixtures.temporaryDirectory("inplace-limits")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines: [String] = []
        var expected: [(id: String, name: String)] = []
        var rejected: [Int] = []
        for n in 1...2000 {
            if n % 307 == 0 {
                lines.append("r\(n),name \(n),\(String(repeating: "x", count: 300))")
                rejected.append(n)
            } else {
                lines.append("r\(n),name \(n),note \(n)")
                expected.append(("r\(n)", "name \(n)"))
            }
        }
        lines.append("r2001,name 2001,\"never closed")
        rejected.append(2001)
        let input = try Fixtures.write(Array(lines.joined(separator: "\n").utf8), named: "apps.csv", in: directory)
        let mapping = try Fixtures.write(Array(Self.mapping.utf8), named: "inplace.yaml", in: directory)
        let out = directory + "/run"
        let result = try BinaryRunner.run([
            "convert", "--mapping", mapping, "--out", out, "--max-field-bytes", "200", "--max-findings", "0", input,
        ])
        #expect(result.status == 2, "\(result.standardError)")
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        var items: [[String: Any]] = []
        for chunk in manifest["chunks"] as! [[String: Any]] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (chunk["file"] as! String)))
            items += (try JSONSerialization.jsonObject(with: data) as! [String: Any])["content"] as! [[String: Any]]
        }
        #expect(items.map { $0["id"] as? String } == expected.map(\.id))
        #expect(items.map { ($0["data"] as? [String: String])?["name"] } == expected.map(\.name))
        let findings = try String(contentsOfFile: out + "/findings.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.compactMap { ($0["location"] as? [String: Any])?["record"] as? Int } == rejected)
        let totals = manifest["totals"] as! [String: Int]
        #expect(totals["recordsRead"] == 2001)
        #expect(totals["recordsRejected"] == rejected.count)
    }

    static let mapping = """
        ldif: { connectorType: t, connectorId: inplace, connectorVersion: 1.0.0 }
        source: { format: csv, delimiter: ",", header: false }
        items:
          - type: Application
            id: "{{ 1 }}"
            data: { name: "{{ 2 }}", note: "{{ 3 }}" }
        """

    @Test func everyRowKeepsItsOwnValuesAndLineAcrossManyBatches() throws {
        let directory = try Fixtures.temporaryDirectory("inplace")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var bytes: [UInt8] = []
        var expected: [(id: String, data: [String: String], line: Int, record: Int)] = []
        var rejected: [Int] = []
        var line = 1
        for n in 1...Self.rows {
            let row = Self.row(n)
            bytes += row.bytes + [0x0A]
            if let item = row.item {
                expected.append(("r\(n)", item, line, n))
            } else {
                rejected.append(n)
            }
            line += row.lines
        }
        let input = try Fixtures.write(bytes, named: "apps.csv", in: directory)
        let mapping = try Fixtures.write(Array(Self.mapping.utf8), named: "inplace.yaml", in: directory)
        let out = directory + "/run"
        let result = try BinaryRunner.run([
            "convert", "--mapping", mapping, "--out", out, "--chunk-items", "400", "--max-findings", "0", input,
        ])
        #expect(result.status == 2, "\(result.standardError)")

        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        var items: [[String: Any]] = []
        var sources: [[String: Any]] = []
        for chunk in manifest["chunks"] as! [[String: Any]] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (chunk["file"] as! String)))
            let ldif = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            items += ldif["content"] as! [[String: Any]]
            let text = try String(contentsOfFile: out + "/" + (chunk["sources"] as! String), encoding: .utf8)
            for line in text.split(separator: "\n") {
                sources.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])
            }
        }
        #expect(items.count == expected.count)
        #expect(sources.count == expected.count)
        for (index, want) in expected.enumerated() where index < items.count && index < sources.count {
            #expect(items[index]["id"] as? String == want.id)
            #expect(items[index]["data"] as? [String: String] == want.data, "record \(want.record)")
            #expect(sources[index]["line"] as? Int == want.line, "record \(want.record)")
            #expect(sources[index]["record"] as? Int == want.record)
        }

        let findings = try String(contentsOfFile: out + "/findings.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.compactMap { ($0["location"] as? [String: Any])?["record"] as? Int } == rejected)
        let totals = manifest["totals"] as! [String: Int]
        #expect(totals["recordsRead"] == Self.rows)
        #expect(totals["recordsEmitted"] == expected.count)
        #expect(totals["recordsRejected"] == rejected.count)
    }
}
