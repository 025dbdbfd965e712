/// Collects a lookup table straight into its compact form: slot 0 is the key, slot 1 the value.
///
/// A key that comes again with another value is a conflict, named with both lines: which one
/// the file means cannot be guessed. The same row twice (same key, same value) loses nothing.
final class LookupSink: RecordSink {
    let file: String
    private(set) var table = ByteTable()
    /// The line of each entry, by entry number, while the file is read.
    private var lines: [Int32] = []
    private(set) var findings: [Finding] = []
    /// One message per key that comes with two values.
    private(set) var conflicts: [String] = []
    private var scratch: [UInt8] = []

    /// - Parameter expectedBytes: the file's size: keys and values never take more, so the store is
    ///   allocated once instead of growing by copies (capped, for a file that is not what it seems).
    init(file: String, expectedBytes: Int = 0) {
        self.file = file
        table.reserve(bytes: min(expectedBytes, 1 << 30))
    }

    func accept(_ record: borrowing Record) {
        let keyRange = bytes(of: record, slot: 0)
        let valueRange = bytes(of: record, slot: 1)
        let insertion = scratch.withUnsafeBytes { raw in
            table.insert(
                key: UnsafeRawBufferPointer(rebasing: raw[keyRange]),
                value: UnsafeRawBufferPointer(rebasing: raw[valueRange]))
        }
        defer { scratch.removeAll(keepingCapacity: true) }
        let line = record.location.line
        switch insertion {
        case .inserted:
            lines.append(Int32(clamping: line))
        case .duplicate(let entry):
            var probe = Array(scratch[keyRange])
            let first = Int(lines[entry])
            guard table.replace(&probe), probe != Array(scratch[valueRange]) else { return }
            let key = String(decoding: scratch[keyRange].prefix(200), as: UTF8.self)
            conflicts.append(
                "\(file):\(line): key '\(key)' is there already (line \(first)) with another value;"
                    + " the first is kept: remove or correct one of the two rows")
        case .full:
            if findings.isEmpty {
                findings.append(
                    Finding(
                        .error, .parse, code: "lookup-too-large",
                        message: "the lookup's keys and values pass 4 GiB; split the file",
                        location: record.location))
            }
        }
    }

    /// Appends the bytes of a slot (its one value, or the text of a list) to `scratch`; their range there.
    private func bytes(of record: borrowing Record, slot: Int) -> Range<Int> {
        let start = scratch.count
        let range = record.slots[slot]
        if range.count == 1 {
            let value = record.values[range.lowerBound]
            scratch.append(contentsOf: record.bytes[value.start..<(value.start + value.count)])
        } else {
            scratch.append(contentsOf: record.value(ofSlot: slot).text.utf8)
        }
        return start..<scratch.count
    }

    func reject(_ finding: Finding) { findings.append(finding) }
    func report(_ finding: Finding) { if finding.severity == .error { findings.append(finding) } }
    func note(_ message: String) {}
}
