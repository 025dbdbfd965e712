import Foundation
import LDIFCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file opened for appending whose writes can be forced to disk; owns its descriptor.
final class AppendOnlyFile {
    let path: String
    private let descriptor: Int32

    /// Opens (creating when needed) `path` for appending; a new file's directory entry is synced too.
    init(path: String) throws {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ConversionError.io("open", path: path, errno: errno) }
        descriptor = fd
        if !existed { Self.syncDirectory(of: path) }
    }

    deinit {
        close(descriptor)
    }

    /// Writes all of `bytes` at the end of the file, then forces them to disk.
    func appendAndSync(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ConversionError.io("write", path: path, errno: errno)
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw ConversionError.io("fsync", path: path, errno: errno) }
    }

    /// Ends the file with a line break when a crash left its last line unfinished.
    ///
    /// Without this the next line would be glued to the torn one and be unreadable too.
    func terminateLastLine() throws {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ConversionError.io("stat", path: path, errno: errno) }
        guard info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, off_t(info.st_size - 1)) == 1 else {
            throw ConversionError.io("read", path: path, errno: errno)
        }
        if last != UInt8(ascii: "\n") { try appendAndSync([UInt8(ascii: "\n")]) }
    }

    /// A new file is only durable once its directory is synced; best effort, as not every file system allows it.
    private static func syncDirectory(of path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        let fd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
