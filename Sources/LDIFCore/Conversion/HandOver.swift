import Foundation

/// Batches handed from one thread to another, in order, with emptied batches coming
/// back for reuse. At most ``depth`` full batches wait: the sending thread waits when
/// the receiving one falls behind, so memory stays bounded whatever the input's size.
final class HandOver<Batch: AnyObject>: @unchecked Sendable {
    // Unchecked: every property is read and changed under `condition` only, and a batch
    // belongs to one side at a time (the sender until `send`, the receiver from `next`
    // until `recycle`).

    let depth: Int
    private let condition = NSCondition()
    private var full: [Batch] = []
    private var free: [Batch] = []
    private var finished = false
    private let make: () -> Batch

    init(depth: Int, make: @escaping () -> Batch) {
        self.depth = depth
        self.make = make
    }

    /// An empty batch to fill: a reused one, or a new one.
    func emptyBatch() -> Batch {
        condition.lock()
        defer { condition.unlock() }
        return free.popLast() ?? make()
    }

    /// Hands a filled batch over; waits while ``depth`` batches wait already.
    func send(_ batch: Batch) {
        condition.lock()
        while full.count >= depth { condition.wait() }
        full.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// No more batches will be sent.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in order; nil once ``finish()`` was called and every batch was taken.
    func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while full.isEmpty, !finished { condition.wait() }
        guard !full.isEmpty else { return nil }
        let batch = full.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Gives an emptied batch back for reuse.
    func recycle(_ batch: Batch) {
        condition.lock()
        free.append(batch)
        condition.unlock()
    }
}

/// 64 bytes of nothing, before and after the fields of a batch that two threads use by turns:
/// without it, two batches could share a cache line, and a thread writing one would make the
/// thread reading the other wait, field after field.
struct CacheLinePadding {
    private let words: (Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0)
}
