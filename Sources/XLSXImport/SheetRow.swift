import LDIFCore

/// One cell's value in a ``SheetRow``: a byte range of the row's storage and a kind.
struct SheetCell: Equatable {
    /// 1-based (`A` is 1).
    var column: Int
    var kind: FieldValue.Kind
    var start: Int
    var count: Int
}

/// One row of a sheet as read: its number as Excel shows it, its non-empty values, its error cells.
struct SheetRow {
    var number = 0
    var bytes: [UInt8] = []
    var cells: [SheetCell] = []
    /// Cells holding an error value (`#N/A`, `#DIV/0!`): column and the error's text.
    var errors: [(column: Int, text: String)] = []

    mutating func clear() {
        bytes.removeAll(keepingCapacity: true)
        cells.removeAll(keepingCapacity: true)
        errors.removeAll()
    }

    /// The text of cell `index` (for headers and messages).
    func text(ofCell index: Int) -> String {
        let cell = cells[index]
        return String(decoding: bytes[cell.start..<(cell.start + cell.count)], as: UTF8.self)
    }

    mutating func append(column: Int, kind: FieldValue.Kind, _ source: UnsafeRawBufferPointer) {
        guard !source.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: source)
        cells.append(SheetCell(column: column, kind: kind, start: start, count: source.count))
    }

    mutating func append<C: Collection>(column: Int, kind: FieldValue.Kind, bytes source: C) where C.Element == UInt8 {
        guard !source.isEmpty else { return }
        let start = bytes.count
        bytes.append(contentsOf: source)
        cells.append(SheetCell(column: column, kind: kind, start: start, count: bytes.count - start))
    }
}
