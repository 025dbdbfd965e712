/// Excel date serials as ISO text: the 1900 system (with Excel's phantom 29 February 1900)
/// and the 1904 system; no time zones. Times are rounded to the millisecond.
enum ExcelDate {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The ISO text of `serial` in the form `format` shows, or nil when it is no date Excel shows.
    static func text(_ serial: Double, format: NumberFormat, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        if case .elapsed(let code) = format { return elapsed(serial, code: code) }
        let total = Int64((serial * Double(millisecondsPerDay)).rounded())
        let days = total / millisecondsPerDay
        let milliseconds = total % millisecondsPerDay
        switch format {
        case .time: return time(milliseconds)
        case .date: return date(days: days, date1904: date1904)
        default: return date(days: days, date1904: date1904) + "T" + time(milliseconds)
        }
    }

    /// `yyyy-MM-dd` of a day serial.
    static func date(days: Int64, date1904: Bool) -> String {
        if date1904 { return civil(unixDay: days - 24_107) }
        if days == 60 { return "1900-02-29" }
        return civil(unixDay: days < 60 ? days - 25_568 : days - 25_569)
    }

    /// `HH:mm:ss`, with `.SSS` only when the milliseconds are not zero.
    static func time(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        var text = pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if milliseconds % 1000 != 0 { text += "." + pad(milliseconds % 1000, 3) }
        return text
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01.
    static func civil(unixDay: Int64) -> String {
        let shifted = unixDay + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// The text an elapsed-time format (`[h]:mm:ss`, `[mm]:ss`, `[ss].000`) shows for `serial` days.
    static func elapsed(_ serial: Double, code: String) -> String {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        var scalars = Array(section.lowercased().unicodeScalars)[...]
        let fractionDigits = scalars.split(separator: ".").dropFirst().first?.prefix { $0 == "0" }.count ?? 0
        let scale = Int64(pow10(fractionDigits))
        let ticks = Int64((serial * 86_400 * Double(scale)).rounded())
        let seconds = ticks / scale
        var out = ""
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "[":
                var unit = ""
                while let next = scalars.popFirst(), next != "]" { unit.unicodeScalars.append(next) }
                guard let first = unit.first else { continue }
                let value = first == "h" ? seconds / 3600 : first == "m" ? seconds / 60 : seconds
                out += pad(value, unit.count)
            case "h", "m", "s":
                var width = 1
                while scalars.first == scalar {
                    scalars.removeFirst()
                    width += 1
                }
                let value = scalar == "h" ? seconds / 3600 % 24 : scalar == "m" ? seconds / 60 % 60 : seconds % 60
                out += pad(value, min(width, 2))
            case ".":
                var digits = 0
                while scalars.first == "0" {
                    scalars.removeFirst()
                    digits += 1
                }
                if digits > 0 { out += "." + pad(ticks % scale, digits) } else { out += "." }
            case "\"":
                while let next = scalars.popFirst(), next != "\"" { out.unicodeScalars.append(next) }
            case "\\":
                if let next = scalars.popFirst() { out.unicodeScalars.append(next) }
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func pow10(_ digits: Int) -> Int {
        (0..<digits).reduce(1) { value, _ in value * 10 }
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
