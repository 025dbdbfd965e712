/// Syntax errors: what was expected, what was found, where.
extension JSONParser {
    /// An error at the current position.
    func syntaxError(_ message: String) -> JSONStop {
        .syntax(JSONSyntaxError(message: message, line: input.line, column: input.column))
    }

    /// "expected …, found …" for the byte at the current position (or the end of the file).
    func expected(_ what: String, hint: String? = nil) -> JSONStop {
        guard input.position < input.end else {
            return syntaxError("expected \(what), found the end of the file")
        }
        let c = input.base[input.position]
        return syntaxError("expected \(what), found \(Self.describe(byte: c))\(hint ?? valueHint(c))")
    }

    /// A byte as a message shows it: `'x'`, `the end of the line`, `byte 0xFF`.
    static func describe(byte: UInt8, quoted: Bool = true) -> String {
        switch byte {
        case 0x0A: return "the end of the line"
        case 0x21...0x7E:
            let text = String(UnicodeScalar(byte))
            return quoted ? "'\(text)'" : text
        case 0x00..<0x20: return "U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))"
        default: return "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}
