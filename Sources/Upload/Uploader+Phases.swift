import IntegrationAPI
import LDIFCore

extension Uploader {
    /// Sends the chunks phase by phase; within a phase at most `concurrency` in flight.
    ///
    /// A later phase starts only when every chunk of the earlier ones has a verdict. When the
    /// server refuses the token, no further chunk is started.
    func send(
        _ pending: [Manifest.Chunk], starts: [Int: ChunkStart], state: LedgerState, session: UploadSession,
        directory: UploadDirectory
    ) async throws {
        let uploader = ChunkUploader(
            client: client, session: session, directory: directory, configuration: configuration)
        let phases = Dictionary(grouping: pending, by: \.phase).sorted { $0.key < $1.key }.map(\.value)
        var stopped = false
        for phase in phases where !stopped {
            stopped = try await withThrowingTaskGroup(of: Bool.self) { group in
                var inFlight = 0
                var stop = false
                for chunk in phase.sorted(by: { $0.index < $1.index }) {
                    if inFlight == configuration.concurrency {
                        stop = (try await group.next() ?? false) || stop
                        inFlight -= 1
                    }
                    if stop { break }
                    // After Ctrl-C no new chunk starts.
                    try Task.checkCancellation()
                    let start = starts[chunk.index] ?? .send
                    let known = state.knownRunIds(chunk: chunk.index, target: configuration.target)
                    group.addTask { try await uploader.upload(chunk, start: start, known: known).stopAll }
                    inFlight += 1
                }
                while let next = try await group.next() {
                    stop = stop || next
                }
                return stop
            }
        }
    }
}
