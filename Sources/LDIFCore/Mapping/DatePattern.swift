/// A date pattern such as `dd.MM.yyyy` or `yyyy-MM-dd HH:mm:ss`, parsed by hand.
///
/// Letters: `yyyy` year, `MM`/`M` month, `dd`/`d` day, `HH`/`H` hour (0-23),
/// `mm` minute, `ss` second; anything else is a literal that must appear as
/// written (quote letters with `'`: `yyyy'T'HH`). No time zones. Output is
/// `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ss` when the pattern has a time.
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
        var values = [Field: Int]()
        var bytes = Array(text.utf8)[...]
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard bytes.first == byte else { return nil }
                bytes = bytes.dropFirst()
            case .field(let field, let minDigits, let maxDigits):
                var value = 0
                var digits = 0
                while digits < maxDigits, let byte = bytes.first, byte >= 0x30, byte <= 0x39 {
                    value = value * 10 + Int(byte - 0x30)
                    digits += 1
                    bytes = bytes.dropFirst()
                }
                guard digits >= minDigits else { return nil }
                values[field] = value
            }
        }
        guard bytes.isEmpty else { return nil }
        return Self.format(values, hasTime: hasTime)
    }

    static func format(_ values: [Field: Int], hasTime: Bool) -> String? {
        let year = values[.year] ?? 0
        let month = values[.month] ?? 0
        let day = values[.day] ?? 0
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if hasTime {
            let hour = values[.hour] ?? 0
            let minute = values[.minute] ?? 0
            let second = values[.second] ?? 0
            guard hour < 24, minute < 60, second < 60 else { return nil }
            text += "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
        }
        return text
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
