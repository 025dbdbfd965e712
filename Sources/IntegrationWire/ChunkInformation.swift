/// The LDIF's optional `chunkInformation`: indexes of this chunk's first and
/// last item and of the last item over all chunks.
public struct ChunkInformation: Codable, Sendable, Hashable {
    public var firstDataObject: Int
    public var lastDataObject: Int
    public var maxDataObject: Int

    public init(firstDataObject: Int, lastDataObject: Int, maxDataObject: Int) {
        self.firstDataObject = firstDataObject
        self.lastDataObject = lastDataObject
        self.maxDataObject = maxDataObject
    }
}
