import Foundation

/// Keeps libxml2 from seeing more than ``limit`` attributes in one start tag.
///
/// libxml2 checks each attribute of a tag against every one before it, so a tag with
/// 200,000 attributes (2.4 MB) costs minutes before the reader shows anything. The guard
/// follows the markup in the bytes the reader pulls (text, tags, quoted values, comments,
/// CDATA, processing instructions, declarations) and, after the closing quote of a tag's
/// attribute number `limit + 1`, drops the rest of the tag up to its `/>` or `>`, counting
/// the tags it cut (``cutTags``). An element with more than `limit` attributes rejects the
/// record holding it (see ``XMLWalker``); the one attribute past the limit that libxml2 still
/// sees tells it which element that is. Bytes are only ever dropped, so the filter works in place.
///
/// It reads ASCII-compatible encodings only; the importer turns it off for UTF-16.
struct XMLAttributeGuard {
    /// The most attributes a start tag may have.
    static let limit = 1_000

    private enum State {
        case text, open, tag, value, drop, dropValue, endTag, bang, comment, cdata, instruction, declaration
        case declarationValue
    }

    private var state = State.text
    private var quote: UInt8 = 0
    private var attributes = 0
    /// The bytes of `<!` seen so far that could still begin `--` or `[CDATA[`.
    private var bangCount = 0
    private var bangIsCDATA = false
    private var last1: UInt8 = 0
    private var last2: UInt8 = 0
    private var depth = 0
    /// Whether the tag being dropped was counted in ``cutTags`` (once it shows another attribute).
    private var counted = false
    /// Start tags whose attributes past ``limit`` + 1 were dropped.
    private(set) var cutTags = 0

    private static let cdataOpen: [UInt8] = Array("[CDATA[".utf8)

    /// Filters `count` bytes at `buffer` in place; the number of bytes kept.
    mutating func filter(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var read = 0
        var write = 0
        while read < count {
            if state == .text {
                // Most bytes are text: jump to the next markup.
                let rest = count - read
                guard let found = memchr(buffer + read, Int32(UInt8(ascii: "<")), rest) else {
                    if write != read { memmove(buffer + write, buffer + read, rest) }
                    return write + rest
                }
                let span = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1 - read
                if write != read { memmove(buffer + write, buffer + read, span) }
                read += span
                write += span
                state = .open
                continue
            }
            let byte = buffer[read]
            read += 1
            if step(byte) {
                buffer[write] = byte
                write += 1
            }
        }
        return write
    }

    /// Moves on by one byte of markup; whether the byte is kept.
    private mutating func step(_ byte: UInt8) -> Bool {
        defer {
            last2 = last1
            last1 = byte
        }
        switch state {
        case .text:
            if byte == UInt8(ascii: "<") { state = .open }  // (the filter's loop takes text itself)
        case .open:
            switch byte {
            case UInt8(ascii: "!"):
                state = .bang
                bangCount = 0
            case UInt8(ascii: "?"): state = .instruction
            case UInt8(ascii: "/"): state = .endTag
            default:
                state = .tag
                attributes = 0
                return tagByte(byte)
            }
        case .tag: return tagByte(byte)
        case .value:
            guard byte == quote else { break }
            if attributes > Self.limit {
                state = .drop
                counted = false
            } else {
                state = .tag
            }
        case .drop:
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                state = .dropValue
                return false
            }
            if byte == UInt8(ascii: ">") { state = .text }
            if byte == UInt8(ascii: "="), !counted {
                counted = true
                cutTags += 1
            }
            // Outside quotes, only the `/` of `/>` and the `>` itself are kept.
            return byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
        case .dropValue:
            if byte == quote { state = .drop }
            return false
        case .endTag:
            if byte == UInt8(ascii: ">") { state = .text }
        case .bang: bangByte(byte)
        case .comment:
            if byte == UInt8(ascii: ">"), last1 == UInt8(ascii: "-"), last2 == UInt8(ascii: "-") { state = .text }
        case .cdata:
            if byte == UInt8(ascii: ">"), last1 == UInt8(ascii: "]"), last2 == UInt8(ascii: "]") { state = .text }
        case .instruction:
            if byte == UInt8(ascii: ">"), last1 == UInt8(ascii: "?") { state = .text }
        case .declaration: declarationByte(byte)
        case .declarationValue:
            if byte == quote { state = .declaration }
        }
        return true
    }

    private mutating func tagByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            quote = byte
            state = .value
        case UInt8(ascii: "="): attributes += 1
        case UInt8(ascii: ">"): state = .text
        default: break
        }
        return true
    }

    private mutating func bangByte(_ byte: UInt8) {
        if bangCount == 0 {
            bangIsCDATA = byte == UInt8(ascii: "[")
            guard byte == UInt8(ascii: "-") || bangIsCDATA else {
                state = .declaration
                depth = 0
                declarationByte(byte)
                return
            }
        } else if bangIsCDATA {
            guard byte == Self.cdataOpen[bangCount] else {
                state = .declaration
                depth = 0
                declarationByte(byte)
                return
            }
        } else {
            state = byte == UInt8(ascii: "-") ? .comment : .declaration
            // `<!--` is complete; the dashes that open it cannot also close it.
            if state == .comment { last1 = 0 }
            return
        }
        bangCount += 1
        if bangIsCDATA, bangCount == Self.cdataOpen.count { state = .cdata }
    }

    private mutating func declarationByte(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            quote = byte
            state = .declarationValue
        case UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "]"): depth -= 1
        case UInt8(ascii: ">"): if depth <= 0 { state = .text }
        default: break
        }
    }
}
