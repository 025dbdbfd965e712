import Foundation
import LDIFBulkTesting
import LDIFCore
import Synchronization
import Testing

/// An input written to or replaced while it is being converted fails the conversion, naming the file,
/// and leaves no chunk behind; inputs that stay as they were convert as always.
@Suite struct InputChangeTests {
    /// A table importer that does `act` to the input file when it is opened for the `at`-th time
    /// (1: the binding check, 2: phase 1, 3: phase 2).
    final class Counter: Sendable {
        let value = Mutex(0)
    }

    struct MeddlingFactory: ImporterFactory {
        let tables: TableImporterFactory
        let at: Int
        let opens = Counter()
        let act: @Sendable (String) -> Void
        var formats: Set<String> { tables.formats }

        func open(_ input: InputFile, options: SourceOptions) throws -> any RecordImporter {
            let count = opens.value.withLock { value in
                value += 1
                return value
            }
            if count == at { act(input.path) }
            return try tables.open(input, options: options)
        }
    }

    static let mapping = """
        ldif: { connectorType: csvImport, connectorId: apps, connectorVersion: 1.0.0 }
        source: { format: table }
        items:
          - { type: Application, id: "{{ id }}", data: { name: "{{ name }}" } }
          - { type: Relation, phase: 2, id: "rel-{{ id }}", data: { from: "{{ id }}" } }
        """

    static let rows = [["id", "name"], ["a1", "Alpha"], ["a2", "Beta"]]

    /// Converts `apps.table` (a real file of 5 bytes) while `act` runs at the `at`-th open.
    func convert(at: Int, act: @escaping @Sendable (String) -> Void) throws -> (
        Result<ConversionResult, any Error>, String
    ) {
        let tables = TableImporterFactory(["apps.table": Self.rows])
        let factory = MeddlingFactory(tables: tables, at: at, act: act)
        let plan = try MappingLoader(importers: [factory]).load(yaml: Self.mapping, file: "test.yaml", directory: "")
        let inputs = try Fixtures.temporaryDirectory("inputs")
        let output = try Fixtures.temporaryDirectory("out") + "/run"
        let path = try Fixtures.write(Array("a1,b\n".utf8), named: "apps.table", in: inputs)
        let options = ConversionOptions(output: .directory(output), mappingName: "test.yaml", toolVersion: "test")
        let converter = Converter(
            plan: plan, inputs: [path], importers: [factory], options: options,
            reporter: FindingReporter(maxPrinted: 0, print: { _ in }), notes: { _ in })
        return (Result { try converter.run() }, output)
    }

    func expectRefused(at: Int, saying words: String, act: @escaping @Sendable (String) -> Void) throws {
        let (result, output) = try convert(at: at, act: act)
        guard case .failure(let error) = result else {
            Issue.record("the conversion of a changed input succeeded")
            return
        }
        let message = "\(error)"
        #expect(message.contains("apps.table: changed during the conversion"), "\(message)")
        #expect(message.contains(words), "\(message)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: output)) ?? []
        #expect(!left.contains { $0.hasPrefix("chunk-") || $0 == Manifest.fileName }, "\(left)")
    }

    @Test func unchangedInputConverts() throws {
        let (result, _) = try convert(at: 99) { _ in }
        let converted = try result.get()
        #expect(converted.totals.itemsEmitted == 4)
        #expect(converted.manifest?.inputs.first?.bytes == 5)
    }

    @Test func appendedDuringTheFirstPhase() throws {
        try expectRefused(at: 2, saying: "5 bytes when the conversion started and is 10 bytes now") { path in
            let handle = FileHandle(forUpdatingAtPath: path)!
            handle.seekToEndOfFile()
            handle.write(Data("a3,c\n".utf8))
            try? handle.close()
        }
    }

    @Test func replacedBetweenPhases() throws {
        try expectRefused(at: 3, saying: "its path was given another file") { path in
            try? Data("a9,z\n".utf8).write(to: URL(fileURLWithPath: path + ".new"))
            rename(path + ".new", path)
        }
    }

    @Test func rewrittenInPlaceWithTheSameSizeAndTime() throws {
        try expectRefused(at: 2, saying: "written to") { path in
            var before = stat()
            stat(path, &before)
            let descriptor = open(path, O_WRONLY)
            _ = "zz".withCString { write(descriptor, $0, 2) }
            // The modification time set back as it was: only the inode's change time still shows the write.
            var times = [before.st_atim, before.st_mtim]
            futimens(descriptor, &times)
            close(descriptor)
        }
    }
}
