/// How a chunk ended.
public enum ChunkVerdict: String, Sendable, Codable, CaseIterable {
    /// FINISHED with no item errors.
    case succeeded
    /// FINISHED, but the server skipped items (ERROR warnings, or `errorCount` > 0).
    case finishedWithErrors
    /// FAILED or STOPPED, or a request answered with a final error.
    case failed
    /// Still not finished when `--run-timeout` ran out; the run may still finish on the server.
    case timedOut
    /// Never sent (refused before sending, or the upload stopped first).
    case notSubmitted

    /// Whether the chunk's items reached the server and were processed.
    public var isDelivered: Bool { self == .succeeded || self == .finishedWithErrors }
}
