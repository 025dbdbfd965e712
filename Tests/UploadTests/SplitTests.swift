import Crypto
import Emulator
import Foundation
import LDIFCore
import Testing
import Upload

/// A chunk the server refuses as too large (413) is split into halves written as chunks of their own.
struct SplitTests {
    @Test func aRefusedChunkIsSplitAndLaterLargeChunksAreSplitBeforeSending() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(16, chunkSize: 8), into: directory.url)
        let smallest = try #require(manifest.chunks.map(\.bytes).min())
        // Room for half a chunk, not for a whole one; the first chunk is the smaller, so the second is split unsent.
        let options = EmulatorHarness.options { $0.maxBody = smallest - 1 }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let result = try await EmulatorHarness.upload(directory.url, to: emulator)
            let report = result.report
            #expect(report.chunks.count == 4)
            #expect(report.verdicts == Array(repeating: .succeeded, count: 4))
            #expect(report.chunks.map(\.items) == [4, 4, 4, 4])
            #expect(report.totals.items == 16 && report.totals.itemsDelivered == 16)
            let state = await emulator.store.state()
            #expect(state.delivered.count == 16 && state.delivered.allSatisfy { $0.count == 1 })
            // Only the halves made runs: one per half, none for a parent.
            #expect(state.runsPerKey(manifest) == [0, 0])
            let splits = try SplitLog.read(directory: directory.url)
            #expect(splits.map(\.parent) == manifest.chunks.map(\.index))
            let halves = splits.flatMap(\.children)
            // Each half names the chunk it is half of, in report.json too.
            let parents = manifest.chunks.flatMap { [$0.index, $0.index] }
            #expect(report.chunks.map(\.parent) == parents)
            let written = try JSONDecoder().decode(
                UploadReport.self, from: Data(contentsOf: directory.url.appendingPathComponent("report.json")))
            #expect(written.chunks.map(\.parent) == parents)
            #expect(Set(halves.map(\.index)).count == 4 && halves.allSatisfy { $0.index > 2 })
            for half in halves {
                #expect(state.runs.filter { ($0.description ?? "").contains(half.key) }.count == 1, "\(half.key)")
                let bytes = try Data(contentsOf: directory.url.appendingPathComponent(half.file))
                #expect(SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() == half.sha256)
                let sources = try String(
                    contentsOf: directory.url.appendingPathComponent(half.sources), encoding: .utf8)
                #expect(sources.split(separator: "\n").count == half.items)
            }
            // The second chunk was split before anything of it was sent.
            let entries = try Ledger.read(directory: directory.url).entries
            #expect(!entries.contains { $0.chunk == manifest.chunks[1].index && $0.event == .submitting })
            // Resume reads the halves from the directory: all delivered, nothing sent again.
            let again = try await EmulatorHarness.upload(directory.url, to: emulator)
            #expect(again.nothingToDo && again.report.chunks.count == 4)
            #expect(again.report.chunks.map(\.parent) == parents)
            #expect(try UploadDirectory(url: directory.url).changedChunks().isEmpty)
        }
    }

    @Test func aSingleItemTooLargeFailsItsChunkAlone() async throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            [[.init(id: "A", name: String(repeating: "x", count: 4000))], [.init(id: "B")]], into: directory.url)
        let options = EmulatorHarness.options { $0.maxBody = manifest.chunks[0].bytes - 1 }
        try await EmulatorServer.withRunningEmulator(options) { emulator in
            let report = try await EmulatorHarness.upload(directory.url, to: emulator).report
            #expect(report.verdicts == [.failed, .succeeded])
            #expect(report.chunks[0].message?.contains("413") == true, "\(report.chunks[0].message ?? "")")
            #expect(try SplitLog.read(directory: directory.url).isEmpty)
            #expect(report.chunks.map(\.parent) == [nil, nil])
            // The item is named with its source row, in report.json and in errors.csv.
            let refused = try #require(report.itemErrors.first)
            #expect(report.itemErrors.count == 1 && refused.id == "A" && refused.chunk == 1)
            #expect(refused.source == ItemError.Source(file: "apps.csv", line: 2, record: 1))
            #expect(refused.message.contains("too large") && refused.message.contains("413"), "\(refused.message)")
            let csv = String(
                decoding: try Data(contentsOf: directory.url.appendingPathComponent("errors.csv")), as: UTF8.self)
            #expect(csv.contains("apps.csv,2,1,,,Application,A,upload,items[0],"), "\(csv)")
        }
    }
}
