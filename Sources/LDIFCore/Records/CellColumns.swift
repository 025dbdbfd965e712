/// An importer that reads the cells of sheets: for each sheet, the column each slot reads, so
/// that a finding about a field names its cell (`apps.xlsx:Applications!C17`), not only its row.
public protocol CellColumns: AnyObject {
    /// Per sheet name, the 1-based column each slot reads (0 when it reads none); set by binding.
    var slotColumns: [String: [Int]] { get }
}
