import Foundation
import LDIFCore

/// What every harness needs: the fuzzer's bytes as a real file (importers read files), and a sink that
/// checks the importer's contract on every record.
public enum FuzzInput {
    /// Writes `count` bytes at `start` to this process's scratch file with the given extension.
    public static func file(_ start: UnsafeRawPointer, _ count: Int, extension ext: String) -> InputFile {
        let path = "\(NSTemporaryDirectory())/ldifbulk-fuzz-\(getpid()).\(ext)"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        precondition(descriptor >= 0, "cannot write \(path)")
        var offset = 0
        while offset < count {
            let written = write(descriptor, start + offset, count - offset)
            precondition(written > 0, "cannot write \(path)")
            offset += written
        }
        close(descriptor)
        return InputFile(name: "fuzz.\(ext)", path: path)
    }

    /// Opens `input` with `factory`, binds `paths` and reads every record; errors are expected, crashes not.
    public static func read(
        _ input: InputFile, with factory: any ImporterFactory, options: SourceOptions, paths: [String]
    ) {
        guard let importer = try? factory.open(input, options: options) else { return }
        _ = importer.bind(paths.map { FieldPath($0) })
        let sink = CheckingSink(slots: paths.count)
        try? importer.read(into: sink)
    }
}

/// Holds every importer to its contract: each record has its slots, values inside its bytes, and a
/// location; each rejection is an error.
public final class CheckingSink: RecordSink {
    let slots: Int
    public private(set) var records = 0

    public init(slots: Int) { self.slots = slots }

    public func accept(_ record: borrowing Record) {
        records += 1
        precondition(record.slots.count == slots, "a record with \(record.slots.count) slots, not \(slots)")
        for range in record.slots {
            precondition(range.lowerBound >= 0 && range.upperBound <= record.values.count, "a slot outside the values")
        }
        for value in record.values {
            precondition(
                value.start >= 0 && value.start + value.count <= record.bytes.count, "a value outside the bytes")
            if value.kind == .string {
                precondition(
                    String(validating: record.bytes[value.start..<(value.start + value.count)], as: UTF8.self) != nil,
                    "a string value that is not UTF-8")
            }
        }
    }

    public func reject(_ finding: Finding) {
        precondition(finding.severity == .error, "a rejection that is not an error: \(finding.line)")
    }

    public func report(_ finding: Finding) { _ = finding.line }

    public func note(_ message: String) {}
}
