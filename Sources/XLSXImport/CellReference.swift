/// Excel's column letters (`A`, `Z`, `AA`, `XFD`) and cell references (`C17`).
enum CellReference {
    /// The most columns a sheet has (`XFD`).
    static let maxColumn = 16_384

    /// The letters of column `column` (1-based).
    static func letters(_ column: Int) -> String {
        var number = column
        var scalars: [Unicode.Scalar] = []
        while number > 0 {
            let remainder = (number - 1) % 26
            scalars.append(Unicode.Scalar(UInt8(65 + remainder)))
            number = (number - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The column (1-based) that `text` names in letters, or nil when it is not column letters.
    static func column(letters text: String) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 3 else { return nil }
        var column = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") else { return nil }
            column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
        }
        return column <= maxColumn ? column : nil
    }

    /// The column (1-based) of a cell reference's letters (`C17` → 3), or nil when it has none.
    @inline(__always)
    static func column(ofReference bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        var count = 0
        for byte in bytes {
            var upper = byte
            if upper >= UInt8(ascii: "a"), upper <= UInt8(ascii: "z") { upper -= 32 }
            guard upper >= UInt8(ascii: "A"), upper <= UInt8(ascii: "Z") else { break }
            column = column * 26 + Int(upper - UInt8(ascii: "A")) + 1
            count += 1
            if count > 3 { return nil }
        }
        return count == 0 || column > maxColumn ? nil : column
    }

    /// `Sheet!C17`, the way Excel names a cell.
    static func name(sheet: String, column: Int, row: Int) -> String {
        "\(sheet)!\(letters(column))\(row)"
    }
}
