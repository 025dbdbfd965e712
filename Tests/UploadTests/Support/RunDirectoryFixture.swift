import Crypto
import Foundation
import LDIFCore

/// Writes a run directory as `convert` does: chunk files, sources sidecars, findings and a manifest.
///
/// Each item `i` (0-based over the conversion) comes from row `i + 1` of `apps.csv`, on line `i + 2`.
struct RunDirectoryFixture {
    struct Item {
        var type: String
        var id: String
        var name: String?

        init(_ type: String = "Application", id: String, name: String? = nil) {
            self.type = type
            self.id = id
            self.name = name ?? "App \(id)"
        }
    }

    var conversionId = "conv-\(UUID().uuidString.prefix(8).lowercased())"
    var processingMode = "partial"
    var lxWorkspace: String?
    var findings: [Finding] = []

    /// Writes `chunks` (each a list of items, in phases given by `phases`, default all 1) into `directory`.
    @discardableResult
    func write(_ chunks: [[Item]], phases: [Int]? = nil, into directory: URL) throws -> Manifest {
        var header = LDIFHeader(connectorType: "csvImport", connectorId: "cmdb-apps", connectorVersion: "1.0.0")
        header.processingMode = processingMode
        header.lxWorkspace = lxWorkspace
        header.description = "Applications from the CMDB export"
        var manifestChunks: [Manifest.Chunk] = []
        var first = 0
        let total = chunks.reduce(0) { $0 + $1.count }
        for (position, items) in chunks.enumerated() {
            let index = position + 1
            let key = "[ldifbulk \(conversionId) \(index)/\(chunks.count)]"
            let file = String(format: "chunk-%04d.json", index)
            let sources = String(format: "chunk-%04d.sources.jsonl", index)
            let bytes = try ldif(header: header, key: key, items: items, first: first, total: total)
            try bytes.write(to: directory.appendingPathComponent(file))
            try sidecar(items, first: first).write(to: directory.appendingPathComponent(sources))
            let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            manifestChunks.append(
                Manifest.Chunk(
                    file: file, sources: sources, index: index, phase: phases?[position] ?? 1, items: items.count,
                    firstItem: first, lastItem: first + items.count - 1, bytes: bytes.count, sha256: sha, key: key))
            first += items.count
        }
        var totals = Manifest.Totals()
        totals.itemsEmitted = total
        totals.chunks = chunks.count
        var counts = Manifest.FindingCounts()
        counts.error = findings.filter { $0.severity == .error }.count
        counts.warning = findings.count - counts.error
        let manifest = Manifest(
            tool: "ldifbulk 0.1.0", conversionId: conversionId, createdAt: "2026-01-01T00:00:00Z",
            mapping: "mappings/apps.yaml", inputs: [], header: header, chunks: manifestChunks, totals: totals,
            findings: counts)
        let encoder = JSONEncoder()
        try encoder.encode(manifest).write(to: directory.appendingPathComponent(Manifest.fileName))
        let lines = try findings.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }.joined()
        try Data(lines.utf8).write(to: directory.appendingPathComponent("findings.jsonl"))
        return manifest
    }

    private func ldif(header: LDIFHeader, key: String, items: [Item], first: Int, total: Int) throws -> Data {
        var object: [String: Any] = [
            "connectorType": header.connectorType, "connectorId": header.connectorId,
            "connectorVersion": header.connectorVersion, "lxVersion": header.lxVersion,
            "description": "\(header.description ?? "") \(key)", "processingDirection": header.processingDirection,
            "processingMode": header.processingMode,
            "chunkInformation": [
                "firstDataObject": first, "lastDataObject": first + items.count - 1, "maxDataObject": total - 1,
            ],
            "content": items.map { item -> [String: Any] in
                var data: [String: Any] = [:]
                if let name = item.name { data["name"] = name }
                return ["type": item.type, "id": item.id, "data": data]
            },
        ]
        if let workspace = header.lxWorkspace { object["lxWorkspace"] = workspace }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    private func sidecar(_ items: [Item], first: Int) throws -> Data {
        let encoder = JSONEncoder()
        var text = ""
        for (offset, item) in items.enumerated() {
            let row = first + offset + 1
            let source = ItemSource(
                index: offset, type: item.type, id: item.id, file: "apps.csv", line: row + 1, record: row, pointer: nil,
                rule: item.type == "Application" ? "items[0]" : "items[1]")
            text += String(decoding: try encoder.encode(source), as: UTF8.self) + "\n"
        }
        return Data(text.utf8)
    }

    /// `count` applications with ids `APP-<n>` (1-based over all chunks), split into chunks of `size`.
    static func applications(_ count: Int, chunkSize: Int) -> [[Item]] {
        stride(from: 0, to: count, by: chunkSize).map { start in
            (start..<min(start + chunkSize, count)).map { Item(id: "APP-\($0 + 1)") }
        }
    }
}
