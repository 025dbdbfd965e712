/// One pass over a field's bytes: is it valid UTF-8, and how many line breaks does it hold?
///
/// Fields are mostly short and ASCII, so the scan looks at eight bytes at a time
/// and only steps byte by byte through words that hold a byte at or above 0x80
/// or below 0x20 (a line break is one of those).
struct TextScan {
    /// Line breaks in the bytes: CRLF, LF and CR each count once.
    var breaks = 0
    /// Offset of the first byte that is not valid UTF-8, if any.
    var invalidAt: Int?

    @inline(__always)
    init(_ bytes: UnsafeRawPointer?, count: Int) {
        guard let bytes, count > 0 else { return }
        let p = bytes.assumingMemoryBound(to: UInt8.self)
        var i = 0
        while i < count {
            while i + 8 <= count {
                let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word
                if (word | belowSpace) & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            let end = min(i + 8, count)
            while i < end {
                let byte = p[i]
                if byte < 0x80 {
                    if byte == 0x0A {
                        if i == 0 || p[i - 1] != 0x0D { breaks += 1 }
                    } else if byte == 0x0D {
                        breaks += 1
                    }
                    i += 1
                } else {
                    let length = Self.sequenceLength(p + i, available: count - i)
                    if length == 0 {
                        if invalidAt == nil { invalidAt = i }
                        i += 1
                    } else {
                        i += length
                    }
                }
            }
        }
    }

    /// Length of the valid UTF-8 sequence that starts with a byte >= 0x80 at `p`, or 0.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, available: Int) -> Int {
        let lead = p[0]
        @inline(__always) func continuation(_ k: Int) -> Bool { k < available && p[k] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0...0xEF:
            guard available > 1 else { return 0 }
            let second = p[1]
            // Overlong forms (E0 80..9F) and UTF-16 surrogates (ED A0..BF) are not UTF-8.
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            return second >= low && second <= high && continuation(2) ? 3 : 0
        case 0xF0...0xF4:
            guard available > 1 else { return 0 }
            let second = p[1]
            // Overlong forms (F0 80..8F) and code points past U+10FFFF (F4 90..) are not UTF-8.
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            return second >= low && second <= high && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }
}
