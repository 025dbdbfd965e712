import Foundation
import LDIFCore

/// The one owner of an input file's descriptor and of the block buffer it is read into.
final class JSONFile {
    /// Bytes read per block. Memory use does not grow with the file: tokens
    /// longer than a block are streamed through, never gathered whole.
    static let blockSize = 1 << 20

    let path: String
    let input: InputFile
    let capacity: Int
    let storage: UnsafeMutablePointer<UInt8>
    private let descriptor: Int32

    /// Opens `input` for reading, from its start.
    ///
    /// - Throws: ``ConversionError`` when the file cannot be opened.
    init(input: InputFile, capacity: Int = JSONFile.blockSize) throws(ConversionError) {
        let fd = try input.openForReading()
        self.path = input.name
        self.input = input
        self.capacity = capacity
        descriptor = fd
        storage = .allocate(capacity: capacity)
    }

    deinit {
        close(descriptor)
        storage.deallocate()
    }

    /// Reads up to `count` bytes to `target`; 0 at the end of the file.
    ///
    /// - Throws: ``ConversionError`` when the read fails.
    func read(into target: UnsafeMutablePointer<UInt8>, count: Int) throws(ConversionError) -> Int {
        while true {
            let got = Foundation.read(descriptor, target, count)
            if got >= 0 {
                input.noteRead(got)
                return got
            }
            if errno != EINTR { throw ConversionError.io("read", path: path, errno: errno) }
        }
    }
}
