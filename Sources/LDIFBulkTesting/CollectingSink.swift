public import Foundation
public import LDIFCore

/// For importer tests: a sink that keeps copies of everything an importer hands over.
public final class CollectingSink: RecordSink {
    public init() {}

    public struct Value: Equatable, CustomStringConvertible {
        public var kind: FieldValue.Kind
        public var text: String

        public init(kind: FieldValue.Kind, text: String) {
            self.kind = kind
            self.text = text
        }

        public var description: String { "\(kind):\(text)" }
    }

    public struct Collected {
        public var location: SourceLocation
        public var key: String?
        /// The values of each slot, as text.
        public var slots: [[Value]]

        /// The texts of slot `slot`.
        public func texts(_ slot: Int) -> [String] { slots[slot].map(\.text) }
    }

    public private(set) var records: [Collected] = []
    public private(set) var rejected: [Finding] = []
    public private(set) var reported: [Finding] = []
    public private(set) var notes: [String] = []

    public func accept(_ record: borrowing Record) {
        var slots: [[Value]] = []
        for slot in record.slots.indices {
            slots.append(record.values(inSlot: slot).map { Value(kind: $0.kind, text: record.text(of: $0)) })
        }
        records.append(Collected(location: record.location, key: record.key, slots: slots))
    }

    public func reject(_ finding: Finding) { rejected.append(finding) }
    public func report(_ finding: Finding) { reported.append(finding) }
    public func note(_ message: String) { notes.append(message) }

    /// Codes of the findings reported and rejected, in that order.
    public var findingCodes: [String] { reported.map(\.code) + rejected.map(\.code) }
}

/// A file in a fresh temporary folder, removed when the value is released.
public final class TemporaryFile {
    public let url: URL

    public init(named name: String, bytes: [UInt8]) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ldifbulk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
    }

    public convenience init(named name: String, text: String) throws {
        try self.init(named: name, bytes: Array(text.utf8))
    }

    public var input: InputFile { InputFile(name: url.lastPathComponent, path: url.path) }

    deinit {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }
}
