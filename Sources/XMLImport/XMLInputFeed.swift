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

    /// Opens `input` for reading, from its start.
    ///
    /// - Throws: ``ConversionError`` when the file cannot be opened.
    init(input: InputFile, slowFrom: Int64 = .max) throws(ConversionError) {
        self.descriptor = try input.openForReading()
        self.path = input.name
        self.input = input
        self.slowFrom = slowFrom
    }

    deinit {
        close(descriptor)
    }

    /// Fills `buffer` with up to `count` bytes; 0 at the end, -1 on an error.
    func read(into buffer: UnsafeMutablePointer<CChar>, count: Int32) -> Int32 {
        let wanted = position >= slowFrom ? 1 : Int(count)
        while true {
            let got = Foundation.read(descriptor, buffer, wanted)
            if got >= 0 {
                position += Int64(got)
                // The re-read near an error goes one byte at a time: counting it would only slow it.
                if wanted > 1 { input.noteRead(got) }
                return Int32(got)
            }
            if errno == EINTR { continue }
            readErrno = errno
            return -1
        }
    }
}
