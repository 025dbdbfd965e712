import Crypto
import Foundation

/// A file written through a large buffer with POSIX calls; errors name the path.
public final class FileOutput {
    public let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    public private(set) var bytesWritten = 0
    /// When set, every byte written goes through it too (a chunk's sha256, in the same pass).
    var hasher: SHA256?

    /// Creates (or truncates) the file at `path`; `append` adds to its end instead.
    public init(path: String, capacity: Int = 1 << 20, append: Bool = false) throws(ConversionError) {
        self.path = path
        self.capacity = capacity
        descriptor = open(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC) | O_CLOEXEC, 0o644)
        if descriptor < 0 { throw ConversionError.io("create", path: path, errno: errno) }
        buffer.reserveCapacity(capacity)
    }

    /// Writes to an already open descriptor (standard output); it is not closed.
    public init(descriptor: Int32, name: String, capacity: Int = 1 << 16) {
        self.path = name
        self.descriptor = descriptor
        self.capacity = capacity
        ownsDescriptor = false
    }

    private var ownsDescriptor = true

    public func write(_ bytes: some Collection<UInt8>) throws(ConversionError) {
        buffer.append(contentsOf: bytes)
        bytesWritten += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    /// Lets `build` append to the buffer directly (no intermediate copy), then flushes when it is full.
    public func append(_ build: (inout [UInt8]) -> Void) throws(ConversionError) {
        let before = buffer.count
        build(&buffer)
        bytesWritten += buffer.count - before
        if buffer.count >= capacity { try flush() }
    }

    public func write(_ text: String) throws(ConversionError) {
        try write(text.utf8)
    }

    /// Writes `bytes` straight from where they are (no copy into the buffer), after what the buffer holds.
    /// For long stretches; short ones are cheaper buffered.
    func writeDirect(_ bytes: UnsafeRawBufferPointer) throws(ConversionError) {
        guard bytes.count >= 1 << 14 else {
            buffer.append(contentsOf: bytes)
            bytesWritten += bytes.count
            if buffer.count >= capacity { try flush() }
            return
        }
        if !buffer.isEmpty { try flush() }
        hasher?.update(bufferPointer: bytes)
        try writeAll(bytes)
        bytesWritten += bytes.count
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws(ConversionError) {
        var offset = 0
        while offset < raw.count {
            let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ConversionError.io("write", path: path, errno: errno)
            }
            offset += written
        }
    }

    public func flush() throws(ConversionError) {
        if hasher != nil { buffer.withUnsafeBytes { hasher!.update(bufferPointer: $0) } }
        var failure: ConversionError?
        buffer.withUnsafeBytes { raw in
            do throws(ConversionError) { try writeAll(raw) } catch { failure = error }
        }
        if let failure { throw failure }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, optionally syncs to disk, and closes.
    public func close(sync: Bool = false) throws(ConversionError) {
        try flush()
        if sync, fsync(descriptor) != 0 { throw ConversionError.io("sync", path: path, errno: errno) }
        if ownsDescriptor {
            ownsDescriptor = false
            if Foundation.close(descriptor) != 0 { throw ConversionError.io("close", path: path, errno: errno) }
        }
    }

    deinit {
        if ownsDescriptor { _ = Foundation.close(descriptor) }
    }
}
