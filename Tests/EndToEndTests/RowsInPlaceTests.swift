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

    static let mapping = """
        ldif: { connectorType: t, connectorId: inplace, connectorVersion: 1.0.0 }
        source: { format: csv, delimiter: ",", header: false }
        items:
          - type: Application
            id: "{{ 1 }}"
            data: { name: "{{ 2 }}", note: "{{ 3 }}" }
        """

    /// What a conversion left in its run directory: items and sidecar lines in chunk order, the
    /// record numbers of the error findings, the totals.
    struct Run {
        var items: [[String: Any]] = []
        var sources: [[String: Any]] = []
        var errorRecords: [Int] = []
        var totals: [String: Int] = [:]
    }

    /// Converts `bytes` with the mapping above (and `options`), expecting exit status 2.
    static func convert(_ bytes: [UInt8], options: [String], label: String) async throws -> Run {
        let directory = try Fixtures.temporaryDirectory(label)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = try Fixtures.write(bytes, named: "apps.csv", in: directory)
        let mapping = try Fixtures.write(Array(Self.mapping.utf8), named: "inplace.yaml", in: directory)
        let out = directory + "/run"
        let result = try await BinaryRunner.run(
            ["convert", "--mapping", mapping, "--out", out, "--max-findings", "0"] + options + [input])
        #expect(result.status == 2, "\(result.standardError)")

        func objects(_ path: String) throws -> [[String: Any]] {
            try String(contentsOfFile: out + "/" + path, encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
            }
        }
        var run = Run()
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        for chunk in manifest["chunks"] as! [[String: Any]] {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (chunk["file"] as! String)))
            run.items += (try JSONSerialization.jsonObject(with: data) as! [String: Any])["content"] as! [[String: Any]]
            run.sources += try objects(chunk["sources"] as! String)
        }
        run.errorRecords = try objects("findings.jsonl").filter { $0["severity"] as? String == "error" }.compactMap {
            ($0["location"] as? [String: Any])?["record"] as? Int
        }
        run.totals = manifest["totals"] as! [String: Int]
        return run
    }

    @Test func everyRowKeepsItsOwnValuesAndLineAcrossManyBatches() async throws {
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
        let run = try await Self.convert(bytes, options: ["--chunk-items", "400"], label: "inplace")
        #expect(run.items.count == expected.count)
        #expect(run.sources.count == expected.count)
        for (index, want) in expected.enumerated() where index < run.items.count && index < run.sources.count {
            #expect(run.items[index]["id"] as? String == want.id)
            #expect(run.items[index]["data"] as? [String: String] == want.data, "record \(want.record)")
            #expect(run.sources[index]["line"] as? Int == want.line, "record \(want.record)")
            #expect(run.sources[index]["record"] as? Int == want.record)
        }
        #expect(run.errorRecords == rejected)
        #expect(run.totals["recordsRead"] == Self.rows)
        #expect(run.totals["recordsEmitted"] == expected.count)
        #expect(run.totals["recordsRejected"] == rejected.count)
    }

    /// Rows rejected after some of their fields were already kept (a field over the limit, a quote
    /// never closed at the end of the file) leave nothing behind either.
    @Test func rowsRejectedMidwayLeaveNothingBehind() async throws {
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
        let run = try await Self.convert(
            Array(lines.joined(separator: "\n").utf8), options: ["--max-field-bytes", "200"], label: "inplace-limits")
        #expect(run.items.map { $0["id"] as? String } == expected.map(\.id))
        #expect(run.items.map { ($0["data"] as? [String: String])?["name"] } == expected.map(\.name))
        #expect(run.errorRecords == rejected)
        #expect(run.totals["recordsRead"] == 2001)
        #expect(run.totals["recordsRejected"] == rejected.count)
    }
}
