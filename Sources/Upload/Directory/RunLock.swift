public import Foundation
import LDIFCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The run directory's lock (`upload.lock`): one ldifbulk process converts into or uploads a directory at a time.
///
/// The file holds the owner's pid. A lock whose process no longer exists is
/// stale (the owner was killed) and is taken over; a live owner is an error
/// that names its pid. The lock is removed by `release()` or when the value goes away.
public final class RunLock: Sendable {
    public static let fileName = "upload.lock"

    public let path: String
    private let pid: Int32

    /// Takes the lock of `directory`.
    ///
    /// - Returns: the lock, and the pid of a dead owner whose lock was taken over, if any.
    /// - Throws: `ConversionError` with code `.options` when a live process holds the lock.
    public static func acquire(directory: URL) throws -> (lock: RunLock, tookOverFrom: Int32?) {
        let path = directory.appendingPathComponent(fileName).path
        let me = getpid()
        if try create(path, pid: me) { return (RunLock(path: path, pid: me), nil) }
        let owner = readOwner(path)
        if let owner, owner != me, !isAlive(owner) {
            // Stale: the owner died without removing it. Remove and race for it once more.
            unlink(path)
            if try create(path, pid: me) { return (RunLock(path: path, pid: me), owner) }
        }
        let who = (owner ?? readOwner(path)).map { "process \($0)" } ?? "another process"
        throw ConversionError(
            .options,
            "\(directory.path) is in use by \(who), converting or uploading (\(path)); wait for it to end, "
                + "or remove the lock file if that process is gone"
        )
    }

    private init(path: String, pid: Int32) {
        self.path = path
        self.pid = pid
    }

    deinit {
        release()
    }

    /// Removes the lock file, when it is still ours.
    public func release() {
        if Self.readOwner(path) == pid { unlink(path) }
    }

    /// Creates the lock file exclusively; false when it exists already.
    private static func create(_ path: String, pid: Int32) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw ConversionError.io("create", path: path, errno: errno)
        }
        defer { close(fd) }
        let text = Array("\(pid)\n".utf8)
        guard write(fd, text, text.count) == text.count else {
            throw ConversionError.io("write", path: path, errno: errno)
        }
        return true
    }

    private static func readOwner(_ path: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether process `pid` exists (signal 0 checks without sending anything) and is not a zombie.
    private static func isAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        return !isZombie(pid)
    }

    /// A killed process still answers signal 0 until its parent reaps it, which may be never
    /// (`timeout -s KILL`, a container without init); it holds nothing, so its lock is stale.
    /// Read from `/proc`, so only on Linux; elsewhere an answering process counts as alive.
    private static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let nameEnd = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: nameEnd)...].first { $0 != " " }
        return state == "Z" || state == "X"
    }
}
