/// What is wrong with a row, found while its fields arrive. A row keeps the most
/// telling problem only, so that a rejected record gets exactly one finding.
enum RowProblem: Equatable {
    /// A value that is not valid text in the input's encoding (`byte` at `offset` of the value).
    case invalidText(column: Int, offset: Int, byte: UInt8)
    /// The row has another number of fields than there are columns.
    case ragged(fields: Int)
    /// Text after the closing quote of a quoted field (`"5" screen"`).
    case strayQuote(column: Int, line: Int)
    /// A field over the size limit. `endLine` is set once the field ends.
    case fieldTooLong(column: Int, startLine: Int, quoted: Bool, endLine: Int?)

    /// Structural problems explain the others (a stray quote makes a row ragged), so they win.
    var rank: Int {
        switch self {
        case .invalidText: 1
        case .ragged: 2
        case .strayQuote: 3
        case .fieldTooLong: 4
        }
    }
}
