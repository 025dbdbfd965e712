/// Re-indents compact JSON for people (`--pretty`): two spaces per level, `": "` after keys.
public enum PrettyJSON {
    /// Appends `compact` re-indented, starting at nesting `level`.
    public static func reindent(_ compact: some Collection<UInt8>, level: Int, to out: inout [UInt8]) {
        var depth = level
        var inString = false
        var escaped = false
        var afterOpening = false
        for byte in compact {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            let closing = byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
            if afterOpening, !closing { newline(depth, &out) }
            if closing {
                depth -= 1
                if !afterOpening { newline(depth, &out) }
            }
            afterOpening = false
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                depth += 1
                afterOpening = true
            case UInt8(ascii: ","):
                out.append(byte)
                newline(depth, &out)
            case UInt8(ascii: ":"):
                out.append(contentsOf: ": ".utf8)
            default:
                out.append(byte)
            }
        }
    }

    static func newline(_ depth: Int, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }
}
