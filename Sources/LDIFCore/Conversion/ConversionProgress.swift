import Synchronization

/// How far a conversion has come, for a progress line on another thread: bytes read of the inputs
/// (every phase reads them again), records read, and what it expects in all.
///
/// The converter and the importers update it now and then (a block read, every few thousand
/// records), so that watching costs the conversion nothing measurable.
public final class ConversionProgress: Sendable {
    private let read = Atomic<Int64>(0)
    private let expected = Atomic<Int64>(0)
    private let recordCount = Atomic<Int>(0)

    public init() {}

    /// Bytes of input read so far, over every phase.
    public var bytesRead: Int64 { read.load(ordering: .relaxed) }
    /// The bytes every phase will read together (0 until the inputs are open).
    public var bytesExpected: Int64 { expected.load(ordering: .relaxed) }
    /// Records read so far (first phase).
    public var records: Int { recordCount.load(ordering: .relaxed) }

    /// Starts the count again at 0 with `bytes` to read (after the binding check, which reads headers).
    func expect(_ bytes: Int64) {
        expected.store(bytes, ordering: .relaxed)
        read.store(0, ordering: .relaxed)
    }
    func counted(records: Int) { recordCount.store(records, ordering: .relaxed) }

    /// `count` more bytes of an input were read.
    public func add(bytes count: Int) {
        read.wrappingAdd(Int64(count), ordering: .relaxed)
    }
}
