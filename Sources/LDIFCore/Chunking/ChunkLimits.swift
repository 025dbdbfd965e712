/// When a chunk is full.
public struct ChunkLimits: Sendable, Equatable {
    /// At most this many items per chunk.
    public var items: Int
    /// At most this many bytes per chunk file, header included, unless one item alone is larger.
    public var bytes: Int

    public init(items: Int = 5000, bytes: Int = 10 << 20) {
        self.items = items
        self.bytes = bytes
    }
}
