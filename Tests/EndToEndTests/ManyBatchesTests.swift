import Crypto
import Foundation
import LDIFBulkTesting
import Testing

/// A conversion large enough to cross many hand-overs between the parsing, building and
/// emitting threads, with rejected, filtered and duplicate records spread through it and a
/// second phase: the outcome must be exactly what the rules say, record by record, in order.
struct ManyBatchesTests {
    static let rows = 6000

    enum Fate: Equatable {
        case rejected, filtered
        case duplicate(of: Int)
        case emitted
    }

    /// Row `n` (1-based): every 7th is ragged, every 13th retired, every 11th repeats the id of row
    /// n - 5, a duplicate when that row's application was emitted.
    static func row(_ n: Int) -> (line: String, id: String, fate: Fate) {
        if n % 7 == 0 { return ("app-\(n),Ragged", "", .rejected) }
        let status = n % 13 == 0 ? "retired" : "active"
        let id = n % 11 == 0 ? "app-\(n - 5)" : "app-\(n)"
        let deps = n % 2 == 0 ? "itc-\(n % 50);itc-\((n + 1) % 50)" : ""
        var fate = Fate.emitted
        if status == "retired" {
            fate = .filtered
        } else if n % 11 == 0, row(n - 5).fate == .emitted {
            fate = .duplicate(of: n - 5)
        }
        return ("\(id),\(status),\(deps)", id, fate)
    }

    static let mapping = """
        ldif: { connectorType: t, connectorId: many, connectorVersion: 1.0.0, description: many batches }
        source: { format: csv, delimiter: ",", header: true }
        items:
          - type: Application
            id: "{{ id }}"
            when: [{ value: "{{ status }}", notEquals: retired }]
            data: { name: "{{ id }}", status: "{{ status }}" }
          - type: Relation
            phase: 2
            each: "{{ deps | split: ';' }}"
            id: "{{ id }}-uses-{{ $each }}"
            data: { from: "{{ id }}", to: "{{ $each }}" }
        """

    @Test func everyRecordEndsAsTheRulesSayInOrderAcrossManyBatches() async throws {
        let directory = try Fixtures.temporaryDirectory("batches")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lines = ["id,status,deps"] + (1...Self.rows).map { Self.row($0).line }
        let input = try Fixtures.write(
            Array((lines.joined(separator: "\n") + "\n").utf8), named: "apps.csv", in: directory)
        let mapping = try Fixtures.write(Array(Self.mapping.utf8), named: "many.yaml", in: directory)
        let out = directory + "/run"
        let result = try await BinaryRunner.run([
            "convert", "--mapping", mapping, "--out", out, "--chunk-items", "700", "--max-findings", "0", input,
        ])
        #expect(result.status == 2, "\(result.standardError)")

        let fates = (1...Self.rows).map { Self.row($0).fate }
        let manifest =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json")))
            as! [String: Any]
        let totals = manifest["totals"] as! [String: Int]
        let states = (1...Self.rows).map(Self.state)
        #expect(totals["recordsRead"] == Self.rows)
        #expect(totals["recordsEmitted"] == states.filter { $0 == "emitted" }.count)
        #expect(totals["recordsRejected"] == states.filter { $0 == "rejected" }.count)
        #expect(totals["recordsFiltered"] == states.filter { $0 == "filtered" }.count)
        #expect(totals["recordsFiltered"]! > 100 && totals["recordsRejected"]! > 500)

        // Items in chunk order: phase 1 applications in record order, then phase 2 relations in record order.
        var sources: [[String: Any]] = []
        let chunks = manifest["chunks"] as! [[String: Any]]
        #expect(chunks.count > 10)
        for chunk in chunks {
            // The bytes and sha256 the manifest gives are those of the file (written and hashed on another thread).
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (chunk["file"] as! String)))
            #expect(chunk["bytes"] as? Int == data.count)
            #expect(chunk["sha256"] as? String == SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined())
            _ = try JSONSerialization.jsonObject(with: data)
            let text = try String(contentsOfFile: out + "/" + (chunk["sources"] as! String), encoding: .utf8)
            for line in text.split(separator: "\n") {
                sources.append(try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any])
            }
        }
        let applications = sources.filter { $0["type"] as? String == "Application" }
        let expected = (1...Self.rows).filter { Self.row($0).fate == .emitted }
        #expect(applications.map { $0["record"] as! Int } == expected)
        #expect(applications.map { $0["id"] as! String } == expected.map { Self.row($0).id })
        let relations = sources.filter { $0["type"] as? String == "Relation" }
        let relationRecords = relations.map { $0["record"] as! Int }
        #expect(relationRecords == relationRecords.sorted())
        #expect(sources.firstIndex { $0["type"] as? String == "Relation" } == applications.count)

        // Findings in record order; every duplicate names the record that came first.
        let findings = try String(contentsOfFile: out + "/findings.jsonl", encoding: .utf8).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let duplicates = findings.filter { $0["code"] as? String == "duplicate" }
        let expectedDuplicates = fates.enumerated().compactMap { index, fate -> (Int, Int)? in
            if case .duplicate(let first) = fate { return (index + 1, first) }
            return nil
        }
        #expect(duplicates.count == expectedDuplicates.count)
        for (finding, (record, first)) in zip(duplicates, expectedDuplicates) {
            let location = finding["location"] as! [String: Any]
            #expect(location["record"] as? Int == record)
            #expect((finding["message"] as! String).contains("apps.csv record \(first);"))
        }
        let phaseOneRecords = findings.compactMap { ($0["location"] as? [String: Any])?["record"] as? Int }
        #expect(phaseOneRecords == phaseOneRecords.sorted())
    }

    /// A duplicate deep into a large input under `duplicates: error` stops every thread and leaves
    /// no chunk behind; the importer's thread, still reading, must not hang the end.
    @Test func aDuplicateUnderDuplicatesErrorStopsTheConversionAndLeavesNothing() async throws {
        let directory = try Fixtures.temporaryDirectory("batches-error")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var lines = ["id,status,deps"] + (1...20_000).map { "app-\($0),active," }
        lines[15_000] = "app-12345,active,"
        let input = try Fixtures.write(
            Array((lines.joined(separator: "\n") + "\n").utf8), named: "apps.csv", in: directory)
        let mapping = try Fixtures.write(
            Array(Self.mapping.replacingOccurrences(of: "source:", with: "duplicates: error\nsource:").utf8),
            named: "strict.yaml", in: directory)
        let out = directory + "/run"
        let result = try await BinaryRunner.run([
            "convert", "--mapping", mapping, "--out", out, "--chunk-items", "700", input,
        ])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(
            result.standardError.contains("apps.csv:15001: duplicate Application 'app-12345'"),
            "\(result.standardError)")
        #expect(result.standardError.contains("record 12345"))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(!left.contains { $0.hasPrefix("chunk-") || $0 == "manifest.json" }, "\(left)")
    }

    /// The record's end state: an item emitted wins, then an error (ragged, duplicate), else filtered.
    /// Even rows carry two dependencies, so they emit relations in phase 2 whatever their application did.
    static func state(_ n: Int) -> String {
        let fate = row(n).fate
        if fate == .rejected { return "rejected" }
        if fate == .emitted || n % 2 == 0 { return "emitted" }
        if case .duplicate = fate { return "rejected" }
        return "filtered"
    }
}
