/// A date pattern such as `dd.MM.yyyy` or `yyyy-MM-dd HH:mm:ss`, parsed by hand.
///
/// Letters: `yyyy` year, `MM`/`M` month, `dd`/`d` day, `HH`/`H` hour (0-23),
/// `mm` minute, `ss` second; anything else is a literal that must appear as
/// written (quote letters with `'`: `yyyy'T'HH`). No time zones. Output is
/// `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ss` when the pattern has a time. A value that is
/// already an ISO date (`2019-03-01`, `2019-03-01T08:30:00`, `2019-03-01T08:30:00.250`), as
/// workbook date cells give, passes unchanged, so one mapping serves a CSV and a workbook.
public struct DatePattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case field(Field, minDigits: Int, maxDigits: Int)
        case literal(UInt8)
    }

    enum Field: Sendable, Equatable {
        case year, month, day, hour, minute, second
    }

    public struct Failure: Error, Sendable {
        public var message: String
    }

    let tokens: [Token]
    let hasTime: Bool
    public let source: String

    public init(_ pattern: String) throws(Failure) {
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var index = 0
        var seen: Set<Character> = []
        while index < bytes.count {
            let byte = bytes[index]
            var run = 1
            while index + run < bytes.count, bytes[index + run] == byte { run += 1 }
            switch (Character(UnicodeScalar(byte)), run) {
            case ("y", 4): tokens.append(.field(.year, minDigits: 4, maxDigits: 4))
            case ("M", 1...2): tokens.append(.field(.month, minDigits: run, maxDigits: 2))
            case ("d", 1...2): tokens.append(.field(.day, minDigits: run, maxDigits: 2))
            case ("H", 1...2): tokens.append(.field(.hour, minDigits: run, maxDigits: 2))
            case ("m", 2): tokens.append(.field(.minute, minDigits: 2, maxDigits: 2))
            case ("s", 2): tokens.append(.field(.second, minDigits: 2, maxDigits: 2))
            case ("'", _):
                guard let close = bytes[(index + 1)...].firstIndex(of: byte) else {
                    throw Failure(message: "unterminated quote in date pattern '\(pattern)'")
                }
                tokens.append(contentsOf: bytes[(index + 1)..<close].map { .literal($0) })
                index = close + 1
                continue
            case (let letter, _) where letter.isLetter:
                throw Failure(
                    message: "'\(String(repeating: letter, count: run))' is not a date pattern field "
                        + "(use yyyy, MM, dd, HH, mm, ss; quote literal letters: 'T')")
            default:
                tokens.append(contentsOf: Array(repeating: .literal(byte), count: run))
            }
            if case .field = tokens.last!, case let letter = Character(UnicodeScalar(byte)) {
                if seen.contains(letter) { throw Failure(message: "'\(letter)' appears twice in '\(pattern)'") }
                seen.insert(letter)
            }
            index += run
        }
        guard seen.contains("y"), seen.contains("M"), seen.contains("d") else {
            throw Failure(message: "date pattern '\(pattern)' needs yyyy, MM and dd")
        }
        self.tokens = tokens
        self.hasTime = seen.contains("H")
        self.source = pattern
    }

    /// The ISO 8601 form of `text`, or nil when it does not match the pattern or is no real date.
    public func iso(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { iso(bytes: $0) }
    }

    /// ``iso(_:)`` on UTF-8 bytes.
    func iso(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(19)
        guard appendISO(bytes: bytes, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the ISO form of the date in `bytes` to `out`; false (and nothing appended) when it is not one.
    func appendISO(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        var fields = (year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0)
        let matched = { () -> Bool in
            var position = 0
            for token in tokens {
                switch token {
                case .literal(let byte):
                    guard position < bytes.count, bytes[position] == byte else { return false }
                    position += 1
                case .field(let field, let minDigits, let maxDigits):
                    var value = 0
                    var digits = 0
                    while digits < maxDigits, position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                        value = value * 10 + Int(bytes[position] - 0x30)
                        digits += 1
                        position += 1
                    }
                    guard digits >= minDigits else { return false }
                    switch field {
                    case .year: fields.year = value
                    case .month: fields.month = value
                    case .day: fields.day = value
                    case .hour: fields.hour = value
                    case .minute: fields.minute = value
                    case .second: fields.second = value
                    }
                }
            }
            return position == bytes.count
        }()
        guard matched else { return Self.appendIfISO(bytes, to: &out) }
        return Self.format(fields, hasTime: hasTime, to: &out)
    }

    static func format(
        _ f: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int), hasTime: Bool,
        to out: inout [UInt8]
    ) -> Bool {
        guard (1...12).contains(f.month), f.day >= 1, f.day <= daysIn(month: f.month, year: f.year) else {
            return false
        }
        guard !hasTime || (f.hour < 24 && f.minute < 60 && f.second < 60) else { return false }
        appendDigits(f.year, 4, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(f.month, 2, &out)
        out.append(UInt8(ascii: "-"))
        appendDigits(f.day, 2, &out)
        if hasTime {
            out.append(UInt8(ascii: "T"))
            appendDigits(f.hour, 2, &out)
            out.append(UInt8(ascii: ":"))
            appendDigits(f.minute, 2, &out)
            out.append(UInt8(ascii: ":"))
            appendDigits(f.second, 2, &out)
        }
        return true
    }

    static func appendDigits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        if rest >= divisor * 10 {
            out.append(contentsOf: String(value).utf8)
            return
        }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
