/// Compact items not written yet: a stretch of one batch's JSON, where every item follows its
/// comma, so that items built one after the other are already joined as an LDIF's content wants
/// them. The stretch grows while items come in that order and is written with one call, straight
/// from the batch (no copy item by item).
struct PendingItems {
    private var json: [UInt8] = []
    private var range = 0..<0

    /// Bytes waiting.
    var count: Int { range.count }

    /// Adds an item (a range of `json`); `first`: the first item of its LDIF, written without its comma.
    /// A stretch that cannot grow by it is written to `output` first.
    mutating func add(_ item: Range<Int>, of json: [UInt8], first: Bool, to output: FileOutput)
        throws(ConversionError)
    {
        let here = json.withUnsafeBufferPointer { $0.baseAddress }
        let sameArray = here == self.json.withUnsafeBufferPointer { $0.baseAddress }
        if !first, sameArray, !range.isEmpty, item.lowerBound == range.upperBound + 1 {
            range = range.lowerBound..<item.upperBound
            return
        }
        try write(to: output)
        precondition(first || json[item.lowerBound - 1] == UInt8(ascii: ","), "an item's JSON follows its comma")
        self.json = json
        range = (first ? item.lowerBound : item.lowerBound - 1)..<item.upperBound
    }

    /// Writes the stretch, and lets go of the batch's JSON.
    mutating func write(to output: FileOutput) throws(ConversionError) {
        let stretch = range
        range = 0..<0
        guard !stretch.isEmpty else { return }
        var failure: ConversionError?
        json.withUnsafeBytes { raw in
            do throws(ConversionError) {
                try output.writeDirect(UnsafeRawBufferPointer(rebasing: raw[stretch]))
            } catch { failure = error }
        }
        json = []
        if let failure { throw failure }
    }

    /// Drops the stretch unwritten.
    mutating func discard() {
        json = []
        range = 0..<0
    }
}
