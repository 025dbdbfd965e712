/// What a cell's number format makes of its number: a number, a date, a time, or elapsed time.
enum NumberFormat: Equatable, Sendable {
    case number
    case date
    case time
    case dateTime
    /// `[h]:mm:ss` and the like: the text Excel shows, from the format's first section.
    case elapsed(String)

    /// The built-in formats that show dates or times (ECMA-376 part 1, 18.8.30).
    static func builtIn(_ id: Int) -> NumberFormat {
        switch id {
        case 14, 15, 16, 17: .date
        case 18, 19, 20, 21, 45, 47: .time
        case 22: .dateTime
        case 46: .elapsed("[h]:mm:ss")
        default: .number
        }
    }

    /// Classifies a format code: a date when it has d, m or y and no time part, a time when
    /// it has h or s (m then means minutes) and no date part; quoted text, `\x`, `_x`, `*x`
    /// and brackets other than `[h]`, `[m]`, `[s]` do not count. Only the first section counts.
    static func classify(_ code: String) -> NumberFormat {
        var date = false
        var time = false
        var elapsed = false
        var month = false
        var iterator = Array(code.unicodeScalars)[...]
        scan: while let scalar = iterator.popFirst() {
            switch scalar {
            case "\"":
                while let next = iterator.popFirst(), next != "\"" {}
            case "\\", "_", "*":
                _ = iterator.popFirst()
            case "[":
                var inside = ""
                while let next = iterator.popFirst(), next != "]" { inside.unicodeScalars.append(next) }
                let lower = inside.lowercased()
                if !lower.isEmpty, lower.allSatisfy({ $0 == "h" || $0 == "m" || $0 == "s" }) { elapsed = true }
            case ";":
                break scan
            default:
                switch Character(scalar).lowercased() {
                case "d", "y": date = true
                case "h", "s": time = true
                case "m": month = true
                default: break
                }
            }
        }
        if elapsed { return .elapsed(code) }
        if date { return time ? .dateTime : .date }
        if time { return .time }
        return month ? .date : .number
    }
}
