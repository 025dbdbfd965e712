import LDIFCore

/// Caps on what one zip entry may inflate to: a zip bomb stops at the first one it passes.
public struct ZipLimits: Sendable, Equatable {
    /// The most bytes one entry may inflate to (default 8 GiB).
    public var maxEntryBytes: UInt64
    /// The most an entry may grow per compressed byte (default 1000; real sheets reach about 100).
    public var maxRatio: UInt64
    /// Entries smaller than this are never held to the ratio (a tiny part compresses well).
    public var ratioFloor: UInt64

    public init(maxEntryBytes: UInt64 = 8 << 30, maxRatio: UInt64 = 1000, ratioFloor: UInt64 = 1 << 20) {
        self.maxEntryBytes = maxEntryBytes
        self.maxRatio = maxRatio
        self.ratioFloor = ratioFloor
    }

    /// The most bytes an entry with `compressedSize` compressed bytes may inflate to.
    func allowed(compressedSize: UInt64) -> UInt64 {
        let (byRatio, overflow) = compressedSize.multipliedReportingOverflow(by: maxRatio)
        return min(maxEntryBytes, max(ratioFloor, overflow ? UInt64.max : byRatio))
    }

    /// Refuses an entry whose declared size already passes the limits.
    func check(entry: String, declaredSize: UInt64, compressedSize: UInt64, file: String) throws(ConversionError) {
        guard declaredSize > allowed(compressedSize: compressedSize) else { return }
        throw ZipLimits.bomb(entry: entry, file: file, size: declaredSize)
    }

    static func bomb(entry: String, file: String, size: UInt64?) -> ConversionError {
        let grows = size.map { "declares \($0) bytes" } ?? "inflates past its limit"
        return ConversionError(
            .input,
            "\(file): the part \(entry) \(grows), more than a workbook holds (a zip bomb?); nothing was converted")
    }
}
