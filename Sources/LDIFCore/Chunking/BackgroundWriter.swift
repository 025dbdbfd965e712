import Crypto
import Foundation

/// Writes full buffers to their files on a thread of its own, in the order they were
/// handed over, and hashes those of chunk files on the way: the thread that formats
/// the items does not wait for the kernel or for sha256. At most ``depth`` buffers
/// are in flight, and buffers are reused.
final class BackgroundWriter: @unchecked Sendable {
    // Unchecked: everything below `condition` is read and changed under it only, except the
    // hashers, which belong to the writer's thread until ``drain()`` has returned.

    private enum Job {
        case write(descriptor: Int32, bytes: [UInt8], hash: Int, path: String)
        case close(descriptor: Int32, path: String)
    }

    static let depth = 8

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var busy = false
    private var stopped = false
    private var spare: [[UInt8]] = []
    private var failure: ConversionError?
    private var hashers: [SHA256] = []
    private var thread: Thread?

    init() {
        let thread = Thread { [self] in run() }
        thread.stackSize = 1 << 20
        self.thread = thread
        thread.start()
    }

    /// A new running sha256; its number goes with the writes it must see.
    func newHash() -> Int {
        condition.lock()
        defer { condition.unlock() }
        hashers.append(SHA256())
        return hashers.count - 1
    }

    /// The first error a write or close met, if any.
    var error: ConversionError? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Hands `bytes` over to be written (and hashed into `hash` unless it is -1); returns an empty buffer to fill next.
    func write(_ bytes: [UInt8], to descriptor: Int32, path: String, hash: Int) -> [UInt8] {
        submit(.write(descriptor: descriptor, bytes: bytes, hash: hash, path: path))
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? []
    }

    /// Closes the descriptor after every write handed over before.
    func close(_ descriptor: Int32, path: String) {
        submit(.close(descriptor: descriptor, path: path))
    }

    /// Waits until every job handed over is done; returns the first error.
    func drain() -> ConversionError? {
        condition.lock()
        defer { condition.unlock() }
        while !jobs.isEmpty || busy { condition.wait() }
        return failure
    }

    /// The running sha256 number `hash`; call after ``drain()``.
    func hasher(_ hash: Int) -> SHA256 {
        condition.lock()
        defer { condition.unlock() }
        return hashers[hash]
    }

    /// Finishes the jobs handed over and ends the thread.
    func stop() {
        _ = drain()
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func submit(_ job: Job) {
        condition.lock()
        while jobs.count >= Self.depth { condition.wait() }
        jobs.append(job)
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty, !stopped { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            busy = true
            let failed = failure != nil
            var hasher: SHA256?
            if case .write(_, _, let hash, _) = job, hash >= 0 { hasher = hashers[hash] }
            condition.unlock()
            var error: ConversionError?
            var recycled: [UInt8]?
            switch job {
            case .write(let descriptor, var bytes, _, let path):
                if !failed {
                    bytes.withUnsafeBytes { hasher?.update(bufferPointer: $0) }
                    error = Self.writeAll(bytes, to: descriptor, path: path)
                }
                bytes.removeAll(keepingCapacity: true)
                recycled = bytes
            case .close(let descriptor, let path):
                if Foundation.close(descriptor) != 0, !failed { error = ConversionError.io("close", path: path, errno: errno) }
            }
            condition.lock()
            if case .write(_, _, let hash, _) = job, hash >= 0, let hasher { hashers[hash] = hasher }
            if let recycled { spare.append(recycled) }
            if failure == nil { failure = error }
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) -> ConversionError? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return ConversionError.io("write", path: path, errno: errno)
            }
            offset += written
        }
        return nil
    }
}
