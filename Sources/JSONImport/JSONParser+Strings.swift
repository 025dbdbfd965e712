import LDIFCore

/// Strings: escapes, surrogate pairs, UTF-8 validation, streamed through block boundaries.
extension JSONParser {
    /// Where the unescaped bytes of a string go.
    enum StringTarget {
        /// Nowhere: the string is only checked.
        case none
        /// The record's value being read.
        case value
        /// The key buffer (a member's key).
        case key
    }

    /// Scans the string whose opening quote is at the current position.
    ///
    /// Runs of plain bytes are copied in one go; the raw text (quotes and
    /// escapes as written) also goes to open JSON collectors when `raw`.
    mutating func scanString(into target: StringTarget, raw: Bool) throws(JSONStop) {
        let startLine = input.line
        let startColumn = input.column
        if raw { builder.appendRaw(byte: UInt8(ascii: "\"")) }
        input.position += 1
        var runStart = input.position
        while true {
            let base = input.base
            let end = input.end
            var position = input.position
            while position < end {
                let c = base[position]
                guard c >= 0x20, c != 0x22, c != 0x5C, c < 0x80 else { break }
                position &+= 1
            }
            emit(base + runStart, count: position - runStart, to: target, raw: raw)
            input.position = position
            guard position < end else {
                guard try input.refill() else {
                    throw JSONStop.syntax(
                        JSONSyntaxError(
                            message: "the string that starts at line \(startLine), column \(startColumn) never ends"
                                + " (a closing '\"' is missing)", line: input.line, column: input.column))
                }
                runStart = input.position
                continue
            }
            let c = base[position]
            if c == 0x22 {
                input.position += 1
                if raw { builder.appendRaw(byte: c) }
                return
            }
            if c == 0x5C {
                try scanEscape(into: target, raw: raw)
            } else if c < 0x20 {
                throw syntaxError(
                    "control character \(Self.describe(byte: c)) inside a string: JSON needs it escaped"
                        + (c == 0x0A ? " as \\n (or a closing '\"' is missing)" : " (\\n, \\t, \\u00XX)"))
            } else {
                try scanMultibyte(into: target, raw: raw)
            }
            runStart = input.position
        }
    }

    @inline(__always)
    private mutating func emit(_ bytes: UnsafePointer<UInt8>, count: Int, to target: StringTarget, raw: Bool) {
        guard count > 0 else { return }
        switch target {
        case .none: break
        case .value: builder.appendValue(bytes, count: count)
        case .key: appendKey(bytes, count: count)
        }
        if raw { builder.appendRaw(bytes, count: count) }
    }

    private mutating func appendKey(_ bytes: UnsafePointer<UInt8>, count: Int) {
        let start = frames.last?.keyStart ?? keys.count
        guard keys.count - start + count <= plan.fieldLimit else {
            keyCut = true
            return
        }
        keys.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    }

    /// A UTF-8 sequence of two to four bytes, checked as RFC 3629 defines it
    /// (no overlong forms, no surrogates, nothing past U+10FFFF).
    private mutating func scanMultibyte(into target: StringTarget, raw: Bool) throws(JSONStop) {
        _ = try input.ensure(4)
        let available = input.end - input.position
        let bytes = input.base + input.position
        let length = Self.validUTF8Length(bytes, available: available)
        guard length > 0 else {
            invalidText(
                code: "invalid-utf8",
                message: "a string holds \(Self.describe(byte: bytes[0])), which is not UTF-8;"
                    + " the record was skipped (convert the file to UTF-8)")
            input.position += 1
            return
        }
        emit(bytes, count: length, to: target, raw: raw)
        input.position += length
    }

    /// The length of the valid UTF-8 sequence at `bytes`, or 0.
    @inline(__always)
    static func validUTF8Length(_ bytes: UnsafePointer<UInt8>, available: Int) -> Int {
        let lead = bytes[0]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return 0
        }
        guard available >= length, bytes[1] >= low, bytes[1] <= high else { return 0 }
        for index in 2..<length where bytes[index] & 0xC0 != 0x80 {
            return 0
        }
        return length
    }

    /// An escape: `\"` `\\` `\/` `\b` `\f` `\n` `\r` `\t` or `\uXXXX` (a surrogate pair as two).
    private mutating func scanEscape(into target: StringTarget, raw: Bool) throws(JSONStop) {
        guard try input.ensure(2) else { throw syntaxError("the file ends inside an escape sequence") }
        let escape = input.base + input.position
        let decoded: UInt8
        switch escape[1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            try scanUnicodeEscape(into: target, raw: raw)
            return
        default:
            input.position += 1
            throw syntaxError(
                "'\\\(Self.describe(byte: escape[1], quoted: false))' is not a JSON escape"
                    + " (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
        var byte = decoded
        emit(&byte, count: 1, to: target, raw: false)
        if raw { builder.appendRaw(escape, count: 2) }
        input.position += 2
    }

    private mutating func scanUnicodeEscape(into target: StringTarget, raw: Bool) throws(JSONStop) {
        _ = try input.ensure(6)
        var escape = input.base + input.position
        guard input.end - input.position >= 6, let unit = Self.hex4(escape + 2) else {
            input.position += 2
            throw syntaxError("'\\u' must be followed by four hex digits")
        }
        var scalar = unit
        var length = 6
        if unit >= 0xD800 && unit <= 0xDBFF {
            _ = try input.ensure(12)
            escape = input.base + input.position
            if input.end - input.position >= 12, escape[6] == 0x5C, escape[7] == UInt8(ascii: "u"),
                let low = Self.hex4(escape + 8), low >= 0xDC00 && low <= 0xDFFF
            {
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                length = 12
            } else {
                loneSurrogate(unit)
                input.position += 6
                return
            }
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            loneSurrogate(unit)
            input.position += 6
            return
        }
        var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let count = withUnsafeMutableBytes(of: &utf8) { buffer in
            Self.encodeUTF8(scalar, into: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        withUnsafeBytes(of: &utf8) { buffer in
            emit(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count, to: target, raw: false)
        }
        if raw { builder.appendRaw(escape, count: length) }
        input.position += length
    }

    private mutating func loneSurrogate(_ unit: UInt32) {
        let hex = String(unit, radix: 16, uppercase: true)
        invalidText(
            code: "lone-surrogate",
            message: "a string holds the escape \\u\(hex), half of a surrogate pair without its other half:"
                + " it is not a character, so the record was skipped rather than changed"
                + " (the producer of the file mangled UTF-16 text)")
    }

    /// A string that is valid JSON but not text: rejects the record, or reports it outside records.
    private mutating func invalidText(code: String, message: String) {
        let pointer = currentPointer()
        if inRecord {
            builder.fail(
                JSONRecordBuilder.Problem(code: code, message: "\(message); at \(pointer)", pointer: pointer))
        } else {
            sink.report(
                Finding(
                    .error, .parse, code: code,
                    message: "\(message); at \(pointer.isEmpty ? "the top level" : pointer)",
                    location: SourceLocation(file: plan.file, line: input.line, column: input.column, pointer: pointer))
            )
        }
    }

    private static func hex4(_ bytes: UnsafePointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for index in 0..<4 {
            let c = bytes[index]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func encodeUTF8(_ scalar: UInt32, into bytes: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            bytes[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            bytes[0] = UInt8(0xC0 | scalar >> 6)
            bytes[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            bytes[0] = UInt8(0xE0 | scalar >> 12)
            bytes[1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            bytes[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            bytes[0] = UInt8(0xF0 | scalar >> 18)
            bytes[1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            bytes[2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            bytes[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
