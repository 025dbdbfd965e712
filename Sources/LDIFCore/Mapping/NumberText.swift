/// Number text handling for the `number` and `integer` filters.
///
/// Works on decimal text, not on `Double`, so that every digit survives:
/// `12.50` → `12.5`, `042` → `42`, `1.0E3` → `1.0e3` stays as written apart from case.
enum NumberText {
    /// The shortest JSON form of a decimal number that reads back exactly, or nil.
    static func normalized(_ raw: String) -> String? {
        if isCanonical(raw) { return raw }
        let text = raw.trimmingASCIISpaces()
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let integerPart = bytes.prefix { isDigit($0) }
        bytes = bytes.dropFirst(integerPart.count)
        var fraction = ArraySlice<UInt8>()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix { isDigit($0) }
            bytes = bytes.dropFirst(fraction.count)
        }
        guard !integerPart.isEmpty || !fraction.isEmpty else { return nil }
        var exponent = ""
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            var sign = ""
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
                sign = bytes.first == UInt8(ascii: "-") ? "-" : ""
                bytes = bytes.dropFirst()
            }
            let digits = bytes.prefix { isDigit($0) }
            guard !digits.isEmpty else { return nil }
            bytes = bytes.dropFirst(digits.count)
            let trimmed = digits.drop { $0 == UInt8(ascii: "0") }
            exponent = trimmed.isEmpty ? "" : "e" + sign + String(decoding: trimmed, as: UTF8.self)
        }
        guard bytes.isEmpty else { return nil }
        var integerDigits = String(decoding: integerPart.drop { $0 == UInt8(ascii: "0") }, as: UTF8.self)
        if integerDigits.isEmpty { integerDigits = "0" }
        var fractionBytes = fraction
        while fractionBytes.last == UInt8(ascii: "0") { fractionBytes = fractionBytes.dropLast() }
        var result = integerDigits
        if !fractionBytes.isEmpty { result += "." + String(decoding: fractionBytes, as: UTF8.self) }
        if result == "0" { return "0" }
        result += exponent
        return negative ? "-" + result : result
    }

    /// Whether the text is already the shortest form: digits without a leading
    /// zero, at most one `.` followed by digits not ending in `0`. Most values are.
    static func isCanonical(_ text: String) -> Bool {
        isCanonical(bytes: text.utf8)
    }

    /// ``isCanonical(_:)`` on UTF-8 bytes.
    static func isCanonical<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var utf8 = bytes.makeIterator()
        guard let first = utf8.next(), isDigit(first) else { return false }
        var previous = first
        var leadingZero = first == UInt8(ascii: "0")
        var sawDot = false
        while let byte = utf8.next() {
            if byte == UInt8(ascii: ".") {
                if sawDot { return false }
                sawDot = true
                leadingZero = false
            } else if isDigit(byte) {
                if leadingZero { return false }
            } else {
                return false
            }
            previous = byte
        }
        return !sawDot || (previous != UInt8(ascii: "0") && previous != UInt8(ascii: "."))
    }

    /// The integer form, or nil when the number has a non-zero fraction or an exponent.
    static func integer(_ raw: String) -> String? {
        guard let number = normalized(raw), !number.contains("."), !number.contains("e") else { return nil }
        return number
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingASCIISpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last,
            Self.isSpace(first) || Self.isSpace(last)
        else { return self }
        let start = utf8.firstIndex { !Self.isSpace($0) } ?? utf8.endIndex
        guard start != utf8.endIndex else { return "" }
        let end = utf8.lastIndex { !Self.isSpace($0) }!
        return String(self[start...end])
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}
