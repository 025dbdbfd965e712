import Foundation
import Testing

@testable import LDIFCore

/// `findings.jsonl` is written by hand: line for line what `JSONEncoder` with sorted keys
/// writes, whatever the finding holds.
struct FindingLineTests {
    static let texts = [
        "", "plain", "quote \" and backslash \\", "slash / stays", "line\nbreak\tand\r\u{1}\u{1F}\u{7F}",
        "Zürich, São Paulo, 東京", "emoji 👩‍💻", "\u{2028}\u{2029}",
    ]

    static var findings: [Finding] {
        var all: [Finding] = []
        for (index, text) in texts.enumerated() {
            let location = SourceLocation(
                file: "dir/\(text).csv", line: index, record: index * 7, column: index % 2 == 0 ? index + 1 : nil,
                pointer: index % 3 == 0 ? "/a/\(index)/\(text)" : nil)
            all.append(
                Finding(
                    index % 2 == 0 ? .error : .warning, [.parse, .mapping, .chunking, .upload][index % 4],
                    code: "code-\(index)", message: "message \(text)", location: index % 4 == 3 ? nil : location,
                    field: index % 3 == 1 ? "field \(text)" : nil, rule: index % 2 == 1 ? "items[\(index)]" : nil,
                    itemType: index % 5 == 0 ? "Type\(text)" : nil, itemId: index % 5 < 2 ? "id \(text)" : nil))
        }
        all.append(Finding(.error, .parse, code: "c", message: "m"))
        all.append(
            Finding(
                .warning, .upload, code: "c", message: "m",
                location: SourceLocation(file: "f", line: 0, record: 0, column: 0, pointer: "")))
        return all
    }

    @Test func handWrittenLinesAreWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let findings = Self.findings
        #expect(findings.count == Self.texts.count + 2)
        for finding in findings {
            var line: [UInt8] = []
            FindingLine.append(finding, to: &line)
            let expected = Array(try encoder.encode(finding)) + [UInt8(ascii: "\n")]
            #expect(
                String(decoding: line, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
                "\(finding)")
            // And it reads back as the finding it came from.
            #expect(try JSONDecoder().decode(Finding.self, from: Data(line)) == finding)
        }
    }
}
