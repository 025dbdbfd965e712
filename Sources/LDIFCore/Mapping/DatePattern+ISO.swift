extension DatePattern {
    /// Appends `bytes` unchanged when they are an ISO date, `yyyy-MM-dd` with an optional
    /// `THH:mm:ss` and `.SSS`, that exists in the calendar; false (nothing appended) otherwise.
    static func appendIfISO(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) -> Bool {
        guard bytes.count == 10 || bytes.count == 19 || bytes.count == 23 else { return false }
        func number(_ start: Int, _ count: Int) -> Int? {
            var value = 0
            for index in start..<(start + count) {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let year = number(0, 4),
            let month = number(5, 2), let day = number(8, 2), (1...12).contains(month), day >= 1,
            day <= daysIn(month: month, year: year)
        else { return false }
        if bytes.count > 10 {
            guard bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                hour < 24, minute < 60, second < 60
            else { return false }
            if bytes.count == 23 { guard bytes[19] == UInt8(ascii: "."), number(20, 3) != nil else { return false } }
        }
        out.append(contentsOf: bytes)
        return true
    }
}
