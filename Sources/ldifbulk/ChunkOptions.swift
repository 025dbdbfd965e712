import ArgumentParser
import LDIFCore

/// How chunks are cut, for every command that converts into a run directory (`convert`, `run`).
struct ChunkOptions: ParsableArguments {
    static let defaults = ChunkLimits()
    /// The largest values accepted: far beyond any server's taste, small enough for every count to stay exact.
    static let maxItems = 10_000_000
    static let maxBytes = 1 << 30

    @Option(name: .long, help: "At most this many items per chunk.")
    var chunkItems = defaults.items

    @Option(name: .long, help: "At most this many bytes per chunk file (unless one item alone is larger).")
    var chunkBytes = defaults.bytes

    var limits: ChunkLimits { ChunkLimits(items: chunkItems, bytes: chunkBytes) }

    func validate() throws {
        guard (1...Self.maxItems).contains(chunkItems) else {
            throw ValidationError("--chunk-items must be from 1 to \(Self.maxItems)")
        }
        guard (1024...Self.maxBytes).contains(chunkBytes) else {
            throw ValidationError("--chunk-bytes must be from 1024 to \(Self.maxBytes) (1 GiB)")
        }
    }
}
