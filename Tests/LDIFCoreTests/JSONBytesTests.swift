import Testing

@testable import LDIFCore

struct JSONBytesTests {
    /// The escaping as RFC 8259 says it, one byte at a time: what the word-at-a-time scan must match.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): out += Array(#"\\"#.utf8)
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case 0x08: out += Array(#"\b"#.utf8)
            case 0x0C: out += Array(#"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out
    }

    @Test func escapingMatchesTheByteByByteRuleAtEveryLengthAndPosition() {
        // Bytes that need escaping, their neighbours, and UTF-8 bytes, at random places.
        let alphabet: [UInt8] = [
            0x00, 0x01, 0x08, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x41, 0x7F, 0x80, 0xC3, 0xA9,
            0xFF,
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        var checked = 0
        for length in 0..<48 {
            for _ in 0..<200 {
                var bytes = (0..<length).map { _ in UInt8(ascii: "a") + UInt8(random(26)) }
                for _ in 0..<random(3) where length > 0 { bytes[random(length)] = alphabet[random(alphabet.count)] }
                var out: [UInt8] = []
                bytes.withUnsafeBytes { JSONBytes.appendEscaped($0, to: &out) }
                #expect(out == Self.reference(bytes), "\(bytes)")
                // The scan that lets clean values be copied as they are agrees with the escaping.
                let needs = bytes.withUnsafeBufferPointer { JSONBytes.needsEscaping($0) }
                #expect(needs == (out != bytes), "\(bytes)")
                checked += 1
            }
        }
        #expect(checked == 48 * 200)
    }

    @Test(arguments: [UInt8](0...255))
    func aWordNeedsEscapeExactlyWhenOneOfItsBytesDoes(byte: UInt8) {
        for position in 0..<8 {
            var word = [UInt8](repeating: UInt8(ascii: "x"), count: 8)
            word[position] = byte
            let value = word.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect(JSONBytes.wordNeedsEscape(value) == JSONBytes.needsEscape(byte))
        }
    }
}

extension JSONBytesTests {
    @Test func escapingIntoAReservedBufferMatchesAppending() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        for length in 0..<40 {
            for _ in 0..<100 {
                let bytes = (0..<length).map { _ in UInt8(random(256)) }
                var out = [UInt8](repeating: 0xEE, count: 6 * length + 3)
                let end = bytes.withUnsafeBufferPointer { source in
                    out.withUnsafeMutableBufferPointer { JSONBytes.escape(source, to: $0, at: 3) }
                }
                #expect(Array(out[3..<end]) == Self.reference(bytes), "\(bytes)")
                #expect(out[0..<3].allSatisfy { $0 == 0xEE })
            }
        }
    }
}
