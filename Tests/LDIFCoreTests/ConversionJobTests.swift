import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

/// The record of a `run`'s conversion, and the clearing of a conversion that never finished.
struct ConversionJobTests {
    let options = ConversionJob.Options(
        chunkItems: 2, chunkBytes: 4096, maxFieldBytes: 100, strict: true, maxFindings: 3)

    @Test func aRecordedJobReadsBackAndFindsEveryChange() throws {
        let directory = try Fixtures.temporaryDirectory("job")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mapping = try Fixtures.write(Array("items: []\n".utf8), named: "m.yaml", in: directory)
        let first = try Fixtures.write(Array("id\n1\n".utf8), named: "a.csv", in: directory)
        let second = try Fixtures.write(Array("id\n2\n".utf8), named: "b.csv", in: directory)
        let lookup = try Fixtures.write(Array("k,v\n".utf8), named: "l.csv", in: directory)
        var job = try ConversionJob.start(
            mapping: mapping, inputs: [first, second], directory: directory, options: options, tool: "test")
        job = try job.withLookups([lookup])
        try job.write(directory: directory)
        #expect(try ConversionJob.read(directory: directory) == job)
        #expect(job.inputs.map(\.bytes) == [5, 5] && job.lookups?.map(\.path) == [lookup])
        #expect(job.conversionOptions(directory: directory, toolVersion: "t").conversionId == job.conversionId)
        #expect(job.changes().isEmpty)

        try Data("id\n3\n".utf8).write(to: URL(fileURLWithPath: second))
        try Data("k,v\nx,y\n".utf8).write(to: URL(fileURLWithPath: lookup))
        try FileManager.default.removeItem(atPath: first)
        let now = try ConversionJob.start(
            mapping: mapping, inputs: [second], directory: directory, options: options, tool: "test"
        ).inputs[0].sha256
        #expect(
            job.changes() == [
                "lookup table \(lookup): 8 bytes now, 4 when the conversion started",
                "\(first): no longer there, or not readable",
                "\(second): same size, but the content differs (sha256 now \(now.prefix(12))…, "
                    + "was \(job.inputs[1].sha256.prefix(12))…)",
            ])
    }

    @Test func anUnreadableInputIsRefusedBeforeAnythingIsRecorded() throws {
        let directory = try Fixtures.temporaryDirectory("job")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mapping = try Fixtures.write(Array("items: []\n".utf8), named: "m.yaml", in: directory)
        let error = #expect(throws: ConversionError.self) {
            try ConversionJob.start(
                mapping: mapping, inputs: ["\(directory)/missing.csv"], directory: directory, options: options,
                tool: "test")
        }
        #expect(error?.message.contains("missing.csv: no such file") == true)
        let noMapping = #expect(throws: ConversionError.self) {
            try ConversionJob.start(
                mapping: "\(directory)/none.yaml", inputs: [mapping], directory: directory, options: options,
                tool: "test")
        }
        #expect(noMapping?.message == "cannot read mapping file \(directory)/none.yaml: no such file")
        #expect(try ConversionJob.read(directory: directory) == nil)
    }

    @Test func aPartialConversionIsClearedAndAFinishedOneIsNot() throws {
        let directory = try Fixtures.temporaryDirectory("partial")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let partial = ["chunk-0001.json", "chunk-0001.sources.jsonl", "chunk-0002.json.part", "findings.jsonl"]
        let kept = [ConversionJob.fileName, "upload.json", ConversionJob.standardInputName, "upload.lock"]
        for name in partial + kept + ["manifest.json.tmp"] { try Fixtures.write([], named: name, in: directory) }
        let removed = try RunDirectory.removePartialConversion(directory)
        #expect(removed == (partial + ["manifest.json.tmp"]).sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == kept.sorted())

        try Fixtures.write([], named: Manifest.fileName, in: directory)
        try Fixtures.write([], named: "chunk-0001.json", in: directory)
        #expect(throws: ConversionError.self) { try RunDirectory.removePartialConversion(directory) }
        #expect(FileManager.default.fileExists(atPath: "\(directory)/chunk-0001.json"))
    }
}
