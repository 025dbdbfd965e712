import Foundation
import LDIFCore

/// An input file read in large blocks and handed on as UTF-8: the byte-order mark
/// removed, other encodings transcoded. Memory is two fixed buffers, whatever the file size.
final class DecodedInput {
    let name: String
    let path: String
    private let input: InputFile
    /// Said to the user once reading starts ("no byte-order mark; reading UTF-16LE").
    private(set) var notes: [String] = []
    /// Whether the last block read was the end of the file.
    private(set) var reachedEnd = false

    private let descriptor: Int32
    private let raw: UnsafeMutableRawBufferPointer
    private let blockSize: Int
    private var transcoder: Transcoder?
    /// Transcoded text, allocated on first use.
    private var decoded: UnsafeMutablePointer<UInt8>?
    private var started = false

    /// Opens `input` for reading.
    ///
    /// - Throws: ``ConversionError`` (`.input`) naming the file and the system's reason.
    init(_ input: InputFile, blockSize: Int) throws(ConversionError) {
        name = input.name
        path = input.path
        self.input = input
        descriptor = try input.openForReading()
        self.blockSize = blockSize
        // The first read takes at least 4 bytes, so that a byte-order mark is never split.
        raw = .allocate(byteCount: max(blockSize, 4), alignment: 16)
    }

    deinit {
        close(descriptor)
        raw.deallocate()
        decoded?.deallocate()
    }

    /// The next block of UTF-8 text, or nil at the end of the input. Valid until the next call.
    ///
    /// - Throws: ``ConversionError`` when the file cannot be read, or starts with a
    ///   byte-order mark that contradicts `encoding`.
    func next(encoding: SourceOptions.Encoding) throws(ConversionError) -> UnsafeRawBufferPointer? {
        let count = try fill(started ? blockSize : raw.count)
        var block = UnsafeRawBufferPointer(rebasing: raw[0..<count])
        if !started {
            started = true
            block = try start(block, encoding: encoding)
        }
        guard transcoder != nil else { return count == 0 ? nil : block }
        let output = decoded ?? .allocate(capacity: Transcoder.capacity(for: raw.count))
        decoded = output
        let written = count == 0 ? transcoder!.finish(into: output) : transcoder!.transcode(block, into: output)
        if count == 0 {
            transcoder = nil
            if written == 0 { return nil }
        }
        return UnsafeRawBufferPointer(start: output, count: written)
    }

    /// Reads `limit` bytes, or fewer at the end of the file.
    private func fill(_ limit: Int) throws(ConversionError) -> Int {
        var count = 0
        while count < limit {
            let result = read(descriptor, raw.baseAddress! + count, limit - count)
            if result < 0 {
                if errno == EINTR { continue }
                throw Self.failure("read", InputFile(name: name, path: path), errno)
            }
            if result == 0 {
                reachedEnd = true
                break
            }
            input.noteRead(result)
            count += result
        }
        return count
    }

    /// Removes the byte-order mark and sets up transcoding for the first block.
    private func start(_ block: UnsafeRawBufferPointer, encoding: SourceOptions.Encoding) throws(ConversionError)
        -> UnsafeRawBufferPointer
    {
        let utf8BOM = block.starts(with: [0xEF, 0xBB, 0xBF])
        let utf16LE = block.starts(with: [0xFF, 0xFE])
        let utf16BE = block.starts(with: [0xFE, 0xFF])
        switch encoding {
        case .utf8:
            if utf16LE || utf16BE { throw refused("a UTF-16 byte-order mark", fix: "set encoding: utf-16") }
            return utf8BOM ? UnsafeRawBufferPointer(rebasing: block[3...]) : block
        case .utf16:
            if utf8BOM { throw refused("a UTF-8 byte-order mark", fix: "remove encoding: utf-16 (the file is UTF-8)") }
            var bigEndian = utf16BE
            if !utf16LE && !utf16BE {
                // Without a mark, mostly-ASCII text shows its order by where the zero bytes are.
                bigEndian = block.count >= 2 && block[0] == 0 && block[1] != 0
                notes.append("\(name): no byte-order mark; reading UTF-16\(bigEndian ? "BE" : "LE")")
            }
            transcoder = Transcoder(.utf16(bigEndian: bigEndian))
            return utf16LE || utf16BE ? UnsafeRawBufferPointer(rebasing: block[2...]) : block
        case .latin1, .windows1252:
            if utf8BOM {
                throw refused(
                    "a UTF-8 byte-order mark", fix: "remove encoding: \(encoding.rawValue) (the file is UTF-8)")
            }
            if utf16LE || utf16BE { throw refused("a UTF-16 byte-order mark", fix: "set encoding: utf-16") }
            transcoder = Transcoder(encoding == .latin1 ? .latin1 : .windows1252)
            return block
        }
    }

    private func refused(_ mark: String, fix: String) -> ConversionError {
        ConversionError(
            .input,
            "\(name) starts with \(mark), which contradicts the encoding in the mapping: \(fix) in the mapping's source:"
        )
    }

    static func failure(_ operation: String, _ input: InputFile, _ code: Int32) -> ConversionError {
        let shown = input.name == input.path ? input.name : "\(input.name) (\(input.path))"
        return ConversionError(.input, "cannot \(operation) \(shown): \(String(cString: strerror(code)))")
    }
}
