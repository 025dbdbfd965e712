/// Hand-written JSON output on bytes: the LDIF writer's hot path.
///
/// Exact RFC 8259 string escaping (quote, backslash, every control character);
/// non-ASCII is kept as UTF-8. Callers pass bytes that are valid UTF-8.
public enum JSONBytes {
    @usableFromInline
    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Whether a byte must be escaped inside a JSON string.
    @inlinable
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Appends the escaped content of a string (without the surrounding quotes).
    @inlinable
    public static func appendEscaped(_ source: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        var runStart = 0
        var index = 0
        let count = source.count
        while index < count {
            // Eight bytes at a time while none needs escaping (most text): one test per word.
            if index + 8 <= count, !wordNeedsEscape(source.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                index += 8
                continue
            }
            let byte = source[index]
            if needsEscape(byte) {
                if runStart < index {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[runStart..<index]))
                }
                appendEscape(for: byte, to: &out)
                runStart = index + 1
            }
            index += 1
        }
        if runStart < count {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: source[runStart..<count]))
        }
    }

    /// Writes the escaped content of `source` into `out` from `position`, which has room for six
    /// bytes per source byte; returns the position after it.
    static func escape(
        _ source: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at position: Int
    )
        -> Int
    {
        var position = position
        var runStart = 0
        var index = 0
        let count = source.count
        func flush(_ end: Int) {
            guard runStart < end else { return }
            (out.baseAddress! + position).update(from: source.baseAddress! + runStart, count: end - runStart)
            position += end - runStart
        }
        while index < count {
            if index + 8 <= count,
                !wordNeedsEscape(UnsafeRawPointer(source.baseAddress! + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
                continue
            }
            let byte = source[index]
            if needsEscape(byte) {
                flush(index)
                out[position] = UInt8(ascii: "\\")
                switch byte {
                case UInt8(ascii: "\""): out[position + 1] = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): out[position + 1] = UInt8(ascii: "\\")
                case 0x0A: out[position + 1] = UInt8(ascii: "n")
                case 0x0D: out[position + 1] = UInt8(ascii: "r")
                case 0x09: out[position + 1] = UInt8(ascii: "t")
                case 0x08: out[position + 1] = UInt8(ascii: "b")
                case 0x0C: out[position + 1] = UInt8(ascii: "f")
                default:
                    out[position + 1] = UInt8(ascii: "u")
                    out[position + 2] = UInt8(ascii: "0")
                    out[position + 3] = UInt8(ascii: "0")
                    out[position + 4] = hex[Int(byte >> 4)]
                    out[position + 5] = hex[Int(byte & 0xF)]
                    position += 4
                }
                position += 2
                runStart = index + 1
            }
            index += 1
        }
        flush(count)
        return position
    }

    /// Whether any byte is a control character, `"` or `\\` (would be escaped in a JSON string).
    static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if wordNeedsEscape(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index += 8
        }
        while index < bytes.count {
            if needsEscape(bytes[index]) { return true }
            index += 1
        }
        return false
    }

    /// Whether any of the eight bytes is a control character, `"` or `\\`: exact, byte order free.
    @inlinable
    static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quoteZero = (quote &- ones) & ~quote & highs
        let backslashZero = (backslash &- ones) & ~backslash & highs
        return control | quoteZero | backslashZero != 0
    }

    @inlinable
    static func appendEscape(for byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
        case 0x0A: out.append(UInt8(ascii: "n"))
        case 0x0D: out.append(UInt8(ascii: "r"))
        case 0x09: out.append(UInt8(ascii: "t"))
        case 0x08: out.append(UInt8(ascii: "b"))
        case 0x0C: out.append(UInt8(ascii: "f"))
        default:
            out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
    }

    /// Appends the escaped content of a byte array slice.
    @inlinable
    public static func appendEscaped(_ source: ArraySlice<UInt8>, to out: inout [UInt8]) {
        source.withUnsafeBytes { appendEscaped($0, to: &out) }
    }

    /// Appends the escaped content of a Swift string.
    @inlinable
    public static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends a whole JSON string, quotes included.
    @inlinable
    public static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        appendEscaped(text, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// Appends a non-negative integer's decimal digits without making a string.
    @inlinable
    public static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else {
            if value == 0 { out.append(UInt8(ascii: "0")) } else { out.append(contentsOf: String(value).utf8) }
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// The bytes of `"key":`, computed once per plan.
    public static func keyBytes(_ key: String) -> [UInt8] {
        var out: [UInt8] = []
        appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        return out
    }

    /// A Swift string as JSON text, quotes included.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
