import LDIFCore
import Testing

/// Keeps everything an importer hands on, in order, as a transcript that tests compare exactly.
final class CollectingSink: RecordSink {
    struct Accepted {
        var location: LDIFCore.SourceLocation
        var values: [String]
        var slots: [[String]]
    }

    var accepted: [Accepted] = []
    var rejected: [Finding] = []
    var reported: [Finding] = []
    var notes: [String] = []
    /// One line per event: `L#R a|b|c` for a record, `L#R reject code field`, `L#R report severity code field`, `note text`.
    var transcript: [String] = []

    func accept(_ record: borrowing Record) {
        let values = record.values.map { record.text(of: $0) }
        let slots = record.slots.map { range in record.values[range].map { record.text(of: $0) } }
        accepted.append(Accepted(location: record.location, values: values, slots: slots))
        #expect(record.values.allSatisfy { $0.kind == .string })
        transcript.append(
            "\(record.location.line)#\(record.location.record) \(values.map(Self.escaped).joined(separator: "|"))")
    }

    func reject(_ finding: Finding) {
        rejected.append(finding)
        transcript.append("\(Self.place(finding)) reject \(finding.code) \(finding.field ?? "-")")
        #expect(finding.severity == .error)
    }

    func report(_ finding: Finding) {
        reported.append(finding)
        transcript.append(
            "\(Self.place(finding)) report \(finding.severity.rawValue) \(finding.code) \(finding.field ?? "-")")
    }

    func note(_ message: String) {
        notes.append(message)
        transcript.append("note \(message)")
    }

    static func place(_ finding: Finding) -> String {
        "\(finding.location?.line ?? -1)#\(finding.location?.record ?? -1)"
    }

    /// Control characters spelled out, so that a transcript line stays one line.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t")
    }
}
