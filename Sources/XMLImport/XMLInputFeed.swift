import Foundation
import LDIFCore

/// The file descriptor a libxml2 reader pulls its bytes from.
///
/// The reader asks for 4 KiB at a time. From `slowFrom` on, the feed hands out
/// one byte per call: the reader then walks every node as soon as the parser
/// builds it, so the records just before a well-formedness error are not lost
/// in the reader's unwalked look-ahead (see ``XMLImporter``).
final class XMLInputFeed {
    let path: String
    private let input: InputFile
    private let descriptor: Int32
    private let slowFrom: Int64
    private var position: Int64 = 0
    /// The `errno` of a failed read, if one failed.
    private(set) var readErrno: Int32?
    /// Cuts start tags with too many attributes (nil: off, for UTF-16).
    private var attributeGuard: XMLAttributeGuard?
    /// Whether a byte other than whitespace (or a byte-order mark) was read: false for an empty file.
    private(set) var sawContent = false

    /// Start tags whose attributes past ``XMLAttributeGuard/limit`` were left out.
    var cutTags: Int { attributeGuard?.cutTags ?? 0 }

    /// Opens `input` for reading, from its start.
    ///
    /// - Throws: ``ConversionError`` when the file cannot be opened.
    init(input: InputFile, slowFrom: Int64 = .max, guardsAttributes: Bool = true) throws(ConversionError) {
        self.descriptor = try input.openForReading()
        self.path = input.name
        self.input = input
        self.slowFrom = slowFrom
        attributeGuard = guardsAttributes ? XMLAttributeGuard() : nil
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` with up to `count` bytes; 0 at the end, -1 on an error.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int32) -> Int32 {
        let bytes = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
        while true {
            let wanted = position >= slowFrom ? 1 : Int(count)
            let got = Foundation.read(descriptor, buffer, wanted)
            if got < 0 {
                if errno == EINTR { continue }
                readErrno = errno
                return -1
            }
            if got == 0 { return 0 }
            // The re-read near an error goes one byte at a time: counting it would only slow it.
            if wanted > 1 { input.noteRead(got) }
            if position < 2 { checkEncoding(bytes, count: got) }
            if !sawContent { sawContent = Self.hasContent(bytes, count: got) }
            position += Int64(got)
            guard let kept = attributeGuard?.filter(bytes, count: got) else { return Int32(got) }
            // Nothing kept is not the end of the file: read on.
            if kept > 0 { return Int32(kept) }
        }
    }

    /// UTF-16 (a byte-order mark, or a zero byte beside the first `<`) turns the attribute guard off.
    private func checkEncoding(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        for index in 0..<min(count, 2 - Int(position)) {
            let byte = bytes[index]
            let at = Int(position) + index
            if byte == 0 || (at == 0 && (byte == 0xFE || byte == 0xFF)) { attributeGuard = nil }
        }
    }

    private static func hasContent(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        for index in 0..<count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: continue
            default: return true
            }
        }
        return false
    }
}
