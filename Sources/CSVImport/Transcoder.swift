/// Turns UTF-16, Latin-1 or Windows-1252 bytes into UTF-8, block by block, before
/// libcsv sees them.
///
/// A code unit split between two blocks is carried over. Input that cannot be
/// transcoded (an unpaired UTF-16 surrogate, an odd last byte, a byte that
/// Windows-1252 leaves undefined) becomes the byte 0xFF, which never occurs in
/// UTF-8: the record that holds it fails the UTF-8 check and is rejected with a
/// message about the input encoding, never patched with a replacement character.
struct Transcoder {
    enum Source: Equatable {
        case utf16(bigEndian: Bool)
        case latin1
        case windows1252
    }

    /// The byte that marks input that could not be transcoded.
    static let invalid: UInt8 = 0xFF

    let source: Source
    /// A UTF-16 byte whose partner is in the next block.
    private var oddByte: UInt8?
    /// A UTF-16 high surrogate waiting for its low half.
    private var highSurrogate: UInt32?

    init(_ source: Source) {
        self.source = source
    }

    /// The most UTF-8 bytes `count` input bytes can become.
    static func capacity(for count: Int) -> Int { count * 3 + 8 }

    /// Transcodes `input`, writing UTF-8 to `output`, which holds at least
    /// ``capacity(for:)`` bytes of `input.count`.
    ///
    /// - Returns: the number of bytes written.
    mutating func transcode(_ input: UnsafeRawBufferPointer, into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var output = Output(base: buffer)
        switch source {
        case .latin1:
            for byte in input { Self.appendScalar(UInt32(byte), to: &output) }
        case .windows1252:
            for byte in input {
                if byte < 0x80 || byte >= 0xA0 {
                    Self.appendScalar(UInt32(byte), to: &output)
                } else {
                    let scalar = Self.windows1252High[Int(byte - 0x80)]
                    if scalar == 0 {
                        output.append(Self.invalid)
                    } else {
                        Self.appendScalar(UInt32(scalar), to: &output)
                    }
                }
            }
        case .utf16(let bigEndian):
            transcodeUTF16(input, bigEndian: bigEndian, into: &output)
        }
        return output.count
    }

    /// Flushes what is left at the end of the input (half a code unit or a lone high surrogate).
    ///
    /// - Returns: the number of bytes written to `buffer` (0 or 1).
    mutating func finish(into buffer: UnsafeMutablePointer<UInt8>) -> Int {
        var output = Output(base: buffer)
        if oddByte != nil || highSurrogate != nil { output.append(Self.invalid) }
        oddByte = nil
        highSurrogate = nil
        return output.count
    }

    /// A write cursor over the output buffer.
    struct Output {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }
    }

    private mutating func transcodeUTF16(_ input: UnsafeRawBufferPointer, bigEndian: Bool, into output: inout Output) {
        var index = 0
        if let first = oddByte, !input.isEmpty {
            oddByte = nil
            unit(pair(first, input[0], bigEndian), into: &output)
            index = 1
        }
        while index + 1 < input.count {
            unit(pair(input[index], input[index + 1], bigEndian), into: &output)
            index += 2
        }
        if index < input.count { oddByte = input[index] }
    }

    @inline(__always)
    private func pair(_ a: UInt8, _ b: UInt8, _ bigEndian: Bool) -> UInt32 {
        bigEndian ? UInt32(a) << 8 | UInt32(b) : UInt32(b) << 8 | UInt32(a)
    }

    @inline(__always)
    private mutating func unit(_ unit: UInt32, into output: inout Output) {
        if let high = highSurrogate {
            highSurrogate = nil
            if unit >= 0xDC00 && unit <= 0xDFFF {
                Self.appendScalar(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), to: &output)
                return
            }
            output.append(Self.invalid)
        }
        switch unit {
        case 0xD800...0xDBFF: highSurrogate = unit
        case 0xDC00...0xDFFF: output.append(Self.invalid)
        default: Self.appendScalar(unit, to: &output)
        }
    }

    @inline(__always)
    static func appendScalar(_ scalar: UInt32, to output: inout Output) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Windows-1252 0x80...0x9F; 0 marks the five bytes it leaves undefined
    /// (0x81, 0x8D, 0x8F, 0x90, 0x9D). Those are rejected rather than mapped to C1
    /// controls: in a file said to be Windows-1252 they mean the file is in another encoding.
    static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
