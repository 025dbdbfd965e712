import LDIFCore

/// The number format of every cell style (`cellXfs`), classified once when the workbook opens.
struct CellStyles {
    /// `formats[s]` for a cell with style `s`.
    private(set) var formats: [NumberFormat] = []

    init() {}

    @inline(__always)
    func format(ofStyle style: Int) -> NumberFormat {
        style >= 0 && style < formats.count ? formats[style] : .number
    }

    /// Reads `numFmts` and `cellXfs` from the styles part.
    init(part: String, archive: ZipArchive) throws(ConversionError) {
        let reader = try OOXMLReader(stream: try archive.open(part))
        var custom: [Int: String] = [:]
        var inCellFormats = false
        var cellFormatsDepth: Int32 = -1
        while try reader.read() {
            let type = reader.nodeType
            if type == OOXMLReader.NodeType.endElement, reader.depth == cellFormatsDepth {
                inCellFormats = false
                cellFormatsDepth = -1
                continue
            }
            guard type == OOXMLReader.NodeType.element else { continue }
            if reader.isNamed("numFmt") {
                let attributes = reader.attributes()
                if let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
                    let code = attributes.first(where: { $0.name == "formatCode" })?.value
                {
                    custom[id] = code
                }
            } else if reader.isNamed("cellXfs") {
                inCellFormats = !reader.isEmptyElement
                cellFormatsDepth = reader.depth
            } else if inCellFormats, reader.isNamed("xf"), reader.depth == cellFormatsDepth + 1 {
                let id = reader.attributes().first(where: { $0.name == "numFmtId" }).flatMap { Int($0.value) } ?? 0
                formats.append(custom[id].map(NumberFormat.classify) ?? NumberFormat.builtIn(id))
            }
        }
    }
}
