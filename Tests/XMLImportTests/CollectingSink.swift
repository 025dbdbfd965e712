import Foundation
import LDIFCore

/// A sink that keeps copies of everything an importer hands over.
final class CollectingSink: RecordSink {
    struct Value: Equatable, CustomStringConvertible {
        var kind: FieldValue.Kind
        var text: String

        var description: String { "\(kind):\(text)" }
    }

    struct Collected {
        var location: SourceLocation
        var key: String?
        /// The values of each slot, as text.
        var slots: [[Value]]

        /// The texts of slot `slot`.
        func texts(_ slot: Int) -> [String] { slots[slot].map(\.text) }
    }

    private(set) var records: [Collected] = []
    private(set) var rejected: [Finding] = []
    private(set) var reported: [Finding] = []
    private(set) var notes: [String] = []

    func accept(_ record: borrowing Record) {
        var slots: [[Value]] = []
        for slot in record.slots.indices {
            slots.append(record.values(inSlot: slot).map { Value(kind: $0.kind, text: record.text(of: $0)) })
        }
        records.append(Collected(location: record.location, key: record.key, slots: slots))
    }

    func reject(_ finding: Finding) { rejected.append(finding) }
    func report(_ finding: Finding) { reported.append(finding) }
    func note(_ message: String) { notes.append(message) }

    /// Codes of the findings reported and rejected, in that order.
    var findingCodes: [String] { reported.map(\.code) + rejected.map(\.code) }
}

/// A file in a fresh temporary folder, removed when the value is released.
final class TemporaryFile {
    let url: URL

    init(named name: String, bytes: [UInt8]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ldifbulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
    }

    convenience init(named name: String, text: String) throws {
        try self.init(named: name, bytes: Array(text.utf8))
    }

    var input: InputFile { InputFile(name: url.lastPathComponent, path: url.path) }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}
