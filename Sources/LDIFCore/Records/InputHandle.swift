import Crypto
import Foundation

/// An input file opened once for a whole conversion.
///
/// Every phase, the binding check and the manifest's sha256 read the file through this one open
/// file, never through its path again: a path replaced while a conversion runs cannot mix two files'
/// records. What the file was when it was opened (device, inode, size, modification time) is kept,
/// so that ``change()`` can tell when it was written to or replaced since.
public final class InputHandle: Sendable {
    /// The path it was opened from.
    public let path: String
    let descriptor: Int32
    let opened: Status
    /// Where importers count the bytes they read (a progress line watches it); nil when no one watches.
    public let progress: ConversionProgress?

    /// What `fstat` says of a file, as far as a change shows in it.
    struct Status: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec
        /// The inode's change time, which no program can set back: a write whose modification time was
        /// restored still shows here.
        var changed: timespec

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            #if os(Linux)
                modified = info.st_mtim
                changed = info.st_ctim
            #else
                modified = info.st_mtimespec
                changed = info.st_ctimespec
            #endif
        }

        static func == (a: Status, b: Status) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    /// Opens the regular file at `path`; `name` is what messages call it.
    ///
    /// - Throws: ``ConversionError`` when it cannot be opened.
    public init(path: String, name: String, progress: ConversionProgress? = nil) throws(ConversionError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ConversionError.io("open", path: name, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ConversionError.io("read", path: name, errno: code)
        }
        self.path = path
        descriptor = fd
        opened = Status(info)
        self.progress = progress
    }

    deinit { close(descriptor) }

    /// The size the file had when it was opened.
    public var size: Int64 { opened.size }

    /// A descriptor of its own (its own offset, at the start of the file) on the same open file; the
    /// caller closes it.
    ///
    /// - Throws: ``ConversionError`` when the system refuses another descriptor.
    public func reopen(name: String) throws(ConversionError) -> Int32 {
        #if os(Linux)
            // Opening the descriptor's /proc entry opens the same inode again, whatever its path holds now.
            let fresh = open("/proc/self/fd/\(descriptor)", O_RDONLY | O_CLOEXEC)
            if fresh >= 0 { return fresh }
        #endif
        // Elsewhere a duplicate shares the offset: readers of one input never run at once, and each
        // starts from the beginning.
        let copy = dup(descriptor)
        guard copy >= 0 else { throw ConversionError.io("open", path: name, errno: errno) }
        lseek(copy, 0, SEEK_SET)
        return copy
    }

    /// What happened to the file since it was opened, in words; nil when nothing did.
    public func change() -> String? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return "it can no longer be read" }
        let now = Status(info)
        var current = stat()
        guard stat(path, &current) == 0 else { return "its path no longer names a file" }
        if UInt64(current.st_dev) != opened.device || UInt64(current.st_ino) != opened.inode {
            return "its path was given another file while it was being converted"
        }
        if now.size != opened.size {
            return "it was \(opened.size) bytes when the conversion started and is \(now.size) bytes now"
        }
        if now != opened { return "it was written to while it was being converted" }
        return nil
    }

    /// Size and sha256 of the file's content now, read through its own descriptor; nil when it cannot be read.
    public func fingerprint() -> (Int64, String)? {
        var hasher = SHA256()
        var total: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress!, $0.count, off_t(total)) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            total += Int64(count)
            hasher.update(data: buffer[0..<count])
        }
        return (total, hasher.finalize().map { String($0, radix: 16).leftPadded(2) }.joined())
    }
}
