import LDIFCore

/// Numbers and the literals `true`, `false`, `null`.
extension JSONParser {
    /// States of the number grammar of RFC 8259 (section 6).
    private enum NumberState: UInt8 {
        case start, minus, zero, integer, point, fraction, exponentMark, exponentSign, exponent

        /// Whether a number may end in this state.
        var isComplete: Bool {
            self == .zero || self == .integer || self == .fraction || self == .exponent
        }
    }

    /// Scans a number, streaming its digits through block boundaries.
    mutating func scanNumber(value: Bool, raw: Bool) throws(JSONStop) {
        var state = NumberState.start
        while true {
            let base = input.base
            let end = input.end
            let runStart = input.position
            var position = runStart
            scan: while position < end {
                let c = base[position]
                let isDigit = c &- UInt8(ascii: "0") < 10
                switch state {
                case .start:
                    state = c == UInt8(ascii: "-") ? .minus : c == UInt8(ascii: "0") ? .zero : .integer
                case .minus:
                    guard isDigit else { break scan }
                    state = c == UInt8(ascii: "0") ? .zero : .integer
                case .zero:
                    if isDigit {
                        input.position = position
                        throw syntaxError(
                            "a number may not start with a 0 followed by more digits (leading zeros are not JSON)")
                    }
                    guard let next = Self.afterDigits(c) else { break scan }
                    state = next
                case .integer, .fraction:
                    if isDigit { break }
                    guard let next = Self.afterDigits(c), !(state == .fraction && next == .point) else { break scan }
                    state = next
                case .point:
                    guard isDigit else { break scan }
                    state = .fraction
                case .exponentMark:
                    if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                        state = .exponentSign
                    } else {
                        guard isDigit else { break scan }
                        state = .exponent
                    }
                case .exponentSign, .exponent:
                    guard isDigit else { break scan }
                    state = .exponent
                }
                position += 1
            }
            let count = position - runStart
            if count > 0 {
                if value { builder.appendValue(base + runStart, count: count) }
                if raw { builder.appendRaw(base + runStart, count: count) }
            }
            input.position = position
            if position == end, try input.refill() { continue }
            guard state.isComplete else { throw incompleteNumber(state) }
            return
        }
    }

    /// The state after `.`, `e` or `E` following digits; nil for anything else.
    @inline(__always)
    private static func afterDigits(_ c: UInt8) -> NumberState? {
        switch c {
        case UInt8(ascii: "."): return .point
        case UInt8(ascii: "e"), UInt8(ascii: "E"): return .exponentMark
        default: return nil
        }
    }

    private func incompleteNumber(_ state: NumberState) -> JSONStop {
        switch state {
        case .minus: return expected("a digit after '-'")
        case .point: return expected("a digit after the decimal point")
        default: return expected("a digit in the exponent")
        }
    }

    /// Scans `true`, `false` or `null`; its kind.
    mutating func scanLiteral(_ c: UInt8, value: Bool, raw: Bool) throws(JSONStop) -> FieldValue.Kind {
        let word: StaticString
        let kind: FieldValue.Kind
        switch c {
        case UInt8(ascii: "t"): (word, kind) = ("true", .bool)
        case UInt8(ascii: "f"): (word, kind) = ("false", .bool)
        case UInt8(ascii: "n"): (word, kind) = ("null", .null)
        default: throw expected("a value", hint: valueHint(c))
        }
        let length = word.utf8CodeUnitCount
        _ = try input.ensure(length)
        let bytes = input.base + input.position
        let available = input.end - input.position
        for index in 0..<length where index >= available || bytes[index] != word.utf8Start[index] {
            input.position += min(index, available)
            throw expected("'\(word)'")
        }
        if value && kind == .bool { builder.appendValue(bytes, count: length) }
        if raw { builder.appendRaw(bytes, count: length) }
        input.position += length
        return kind
    }

    /// A hint for a byte where a value should start.
    func valueHint(_ c: UInt8) -> String {
        switch c {
        case UInt8(ascii: "]") where afterComma, UInt8(ascii: "}") where afterComma:
            return " (a comma after the last element is not allowed in JSON)"
        case UInt8(ascii: "'"): return " (JSON strings use double quotes)"
        case UInt8(ascii: "/"), UInt8(ascii: "#"): return " (comments are not allowed in JSON)"
        case UInt8(ascii: "N"), UInt8(ascii: "I"): return " (NaN and Infinity are not JSON numbers)"
        case UInt8(ascii: "+"), UInt8(ascii: "."): return " (a JSON number starts with '-' or a digit)"
        case 0xFF, 0xFE, 0x00:
            // FF FE / FE FF: a UTF-16 byte-order mark; 00: the high byte of UTF-16 or UTF-32 text.
            return " (the file looks like UTF-16 or UTF-32: JSON must be UTF-8; convert it, "
                + "e.g. iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8.json)"
        default: return ""
        }
    }
}
