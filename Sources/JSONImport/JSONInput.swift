import Foundation
import LDIFCore

/// A window on the input: the bytes of the current block, and where the parser is in the file.
///
/// Bytes before `position` are consumed; a refill moves the unconsumed tail
/// (never more than one escape sequence) to the front and reads the next
/// block behind it.
struct JSONInput {
    let file: JSONFile
    let base: UnsafeMutablePointer<UInt8>
    var position = 0
    var end = 0
    /// The file offset of `base[0]`.
    var offset: Int64 = 0
    /// The line of `position` (lines only end in whitespace, where they are counted).
    var line = 1
    /// The file offset of the first byte of `line`.
    var lineStart: Int64 = 0
    private(set) var atEnd = false

    init(file: JSONFile) {
        self.file = file
        base = file.storage
    }

    /// Reads the next block, keeping the bytes from `position` on; false when the file has no more.
    mutating func refill() throws(JSONStop) -> Bool {
        guard !atEnd else { return false }
        let kept = end - position
        if position > 0 {
            if kept > 0 { memmove(base, base + position, kept) }
            offset += Int64(position)
            position = 0
            end = kept
        }
        let got: Int
        do {
            got = try file.read(into: base + end, count: file.capacity - end)
        } catch {
            throw .io(error)
        }
        guard got > 0 else {
            atEnd = true
            return false
        }
        end += got
        return true
    }

    /// Makes at least `count` bytes available from `position`; false when the file ends first.
    @inline(__always)
    mutating func ensure(_ count: Int) throws(JSONStop) -> Bool {
        while end - position < count {
            guard try refill() else { return false }
        }
        return true
    }

    /// The file offset of `position`.
    var fileOffset: Int64 { offset + Int64(position) }

    /// The 1-based byte column of `position` in its line.
    var column: Int { Int(fileOffset - lineStart) + 1 }

    /// Counts a line break at `position` (the caller steps over it).
    @inline(__always)
    mutating func newLine() {
        line += 1
        lineStart = fileOffset + 1
    }
}
