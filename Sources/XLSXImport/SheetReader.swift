import LDIFCore

/// Streams the rows of one worksheet part: cells become typed values as Excel means them.
///
/// Memory stays the same whatever the number of rows: libxml2 reads the inflated part
/// piece by piece, and one row is kept at a time.
final class SheetReader {
    let sheet: WorkbookSheet
    private let reader: OOXMLReader
    private let strings: SharedStrings?
    private let styles: CellStyles
    private let date1904: Bool
    private let file: String
    private var previousRow = 0
    /// The namespace pointer last seen to be SpreadsheetML (libxml2 interns namespaces).
    private var knownNamespace: UnsafePointer<UInt8>?
    private var text: [UInt8] = []
    private var scratch: [UInt8] = []

    init(
        archive: ZipArchive, sheet: WorkbookSheet, strings: SharedStrings?, styles: CellStyles, date1904: Bool
    ) throws(ConversionError) {
        self.sheet = sheet
        reader = try OOXMLReader(stream: try archive.open(sheet.part))
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
        file = archive.name
    }

    @inline(__always)
    private func inSpreadsheetNamespace() -> Bool {
        guard let namespace = reader.namespace else { return false }
        if namespace == knownNamespace { return true }
        guard OOXMLNames.spreadsheet.contains(String(cString: namespace)) else { return false }
        knownNamespace = namespace
        return true
    }

    /// Reads the next `<row>` into `row`; false at the end of the sheet.
    func next(into row: inout SheetRow) throws(ConversionError) -> Bool {
        row.clear()
        while try reader.read() {
            guard reader.nodeType == OOXMLReader.NodeType.element, reader.isNamed("row"), inSpreadsheetNamespace()
            else { continue }
            var number = previousRow + 1
            while reader.nextAttribute() {
                if reader.isNamed("r"), let value = Self.decimal(reader.value), value > 0 { number = value }
            }
            reader.backToElement()
            previousRow = number
            row.number = number
            if !reader.isEmptyElement { try readCells(into: &row) }
            return true
        }
        return false
    }

    private func readCells(into row: inout SheetRow) throws(ConversionError) {
        let rowDepth = reader.depth
        var column = 0
        while try reader.read() {
            let type = reader.nodeType
            if type == OOXMLReader.NodeType.endElement, reader.depth == rowDepth { return }
            guard type == OOXMLReader.NodeType.element, reader.isNamed("c") else { continue }
            var cell = CellHeader()
            while reader.nextAttribute() {
                if reader.isNamed("r") {
                    cell.column = CellReference.column(ofReference: reader.value)
                } else if reader.isNamed("t") {
                    cell.type = CellType(reader.value)
                } else if reader.isNamed("s") {
                    cell.style = Self.decimal(reader.value) ?? 0
                }
            }
            reader.backToElement()
            column = cell.column ?? column + 1
            if reader.isEmptyElement { continue }
            try readCell(cell, column: column, into: &row)
        }
    }

    /// Reads one `<c>`'s children (`v`, `is`, `f`) and stores its value.
    private func readCell(_ cell: CellHeader, column: Int, into row: inout SheetRow) throws(ConversionError) {
        let cellDepth = reader.depth
        text.removeAll(keepingCapacity: true)
        var inValue = false
        var sawInline = false
        while try reader.read() {
            switch reader.nodeType {
            case OOXMLReader.NodeType.element:
                if reader.isNamed("v") {
                    inValue = !reader.isEmptyElement
                } else if reader.isNamed("is") {
                    sawInline = true
                    try reader.appendStringItem(to: &text, scratch: &scratch)
                }
            case OOXMLReader.NodeType.text, OOXMLReader.NodeType.cdata, OOXMLReader.NodeType.whitespace,
                OOXMLReader.NodeType.significantWhitespace:
                if inValue { text.append(contentsOf: reader.value) }
            case OOXMLReader.NodeType.endElement:
                if reader.depth == cellDepth {
                    try store(cell, column: column, inline: sawInline, into: &row)
                    return
                }
                if inValue, reader.isNamed("v") { inValue = false }
            default: break
            }
        }
    }

    private func store(_ cell: CellHeader, column: Int, inline: Bool, into row: inout SheetRow) throws(ConversionError)
    {
        switch cell.type {
        case .shared:
            guard let index = text.withUnsafeBufferPointer({ Self.decimal($0) }) else { return }
            guard let strings else {
                throw ConversionError(
                    .input,
                    "\(file): the cell \(CellReference.name(sheet: sheet.name, column: column, row: row.number)) "
                        + "uses the shared-string table, but the workbook has none; open it in Excel and save it again")
            }
            let found: Void? = strings.withString(index) { row.append(column: column, kind: .string, $0) }
            if found == nil {
                throw ConversionError(
                    .input,
                    "\(file): the cell \(CellReference.name(sheet: sheet.name, column: column, row: row.number)) "
                        + "uses shared string \(index), but the table has \(strings.count); open it in Excel and save it again"
                )
            }
        case .inline, .formulaString:
            row.append(column: column, kind: .string, bytes: text)
        case .isoDate:
            row.append(column: column, kind: .string, bytes: text)
        case .boolean:
            guard !text.isEmpty else { return }
            let flag = text == [UInt8(ascii: "1")] || text == Array("true".utf8)
            row.append(column: column, kind: .bool, bytes: flag ? Array("true".utf8) : Array("false".utf8))
        case .error:
            row.errors.append((column, String(decoding: text, as: UTF8.self)))
        case .number:
            guard !text.isEmpty else { return }
            storeNumber(style: cell.style, column: column, into: &row)
        }
    }

    private func storeNumber(style: Int, column: Int, into row: inout SheetRow) {
        let format = styles.format(ofStyle: style)
        // A plain integer of up to 15 digits is already in its shortest form.
        if format == .number, text.count <= 15, text.first != UInt8(ascii: "0") || text.count == 1,
            text.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 })
        {
            row.append(column: column, kind: .number, bytes: text)
            return
        }
        let raw = String(decoding: text, as: UTF8.self)
        guard let number = Double(raw.trimmingXMLSpaces), number.isFinite else {
            row.append(column: column, kind: .string, bytes: text)
            return
        }
        if format != .number, let date = ExcelDate.text(number, format: format, date1904: date1904) {
            row.append(column: column, kind: .string, bytes: date.utf8)
            return
        }
        row.append(column: column, kind: .number, bytes: Self.shortest(number).utf8)
    }

    /// The non-negative decimal number `bytes` spell, or nil (attribute values: `r`, `s`, shared-string indexes).
    @inline(__always)
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The shortest JSON text that reads back as `number` (`15`, not `15.0`).
    static func shortest(_ number: Double) -> String {
        if number == number.rounded(.towardZero), abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        let text = String(number)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}

private struct CellHeader {
    var column: Int?
    var type = CellType.number
    var style = 0
}

private enum CellType {
    case number, shared, inline, formulaString, boolean, error, isoDate

    init(_ value: UnsafeBufferPointer<UInt8>) {
        switch (value.count, value.first) {
        case (1, UInt8(ascii: "s")): self = .shared
        case (1, UInt8(ascii: "b")): self = .boolean
        case (1, UInt8(ascii: "e")): self = .error
        case (1, UInt8(ascii: "d")): self = .isoDate
        case (1, _): self = .number
        default:
            switch String(decoding: value, as: UTF8.self) {
            case "inlineStr": self = .inline
            case "str": self = .formulaString
            default: self = .number
            }
        }
    }
}

extension String {
    fileprivate var trimmingXMLSpaces: Substring {
        var text = self[...]
        while let first = text.utf8.first, CellText.isSpace(first) { text = text.dropFirst() }
        while let last = text.utf8.last, CellText.isSpace(last) { text = text.dropLast() }
        return text
    }
}
