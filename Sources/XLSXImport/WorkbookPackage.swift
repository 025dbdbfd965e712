import LDIFCore

/// One worksheet as the workbook lists it.
struct WorkbookSheet: Sendable, Equatable {
    var name: String
    /// The sheet's part in the archive (`xl/worksheets/sheet1.xml`).
    var part: String
}

/// The structure of a workbook: its sheets in workbook order, where its shared strings and
/// styles are, and its date system. Found through the package relationships, never by guessing.
struct WorkbookPackage {
    var sheets: [WorkbookSheet] = []
    var sharedStringsPart: String?
    var stylesPart: String?
    /// The workbook counts dates from 1904 (`workbookPr date1904`).
    var date1904 = false

    /// Reads `_rels/.rels`, the workbook part and its relationships.
    init(archive: ZipArchive) throws(ConversionError) {
        let name = archive.name
        guard archive.contains("_rels/.rels") else {
            if archive.contains("mimetype") || archive.contains("content.xml") {
                throw ConversionError(
                    .input,
                    "\(name): an OpenDocument spreadsheet (.ods), not an .xlsx workbook; "
                        + "save it as .xlsx or CSV")
            }
            throw ConversionError(
                .input,
                "\(name): a zip archive but not an .xlsx workbook (it has no _rels/.rels); "
                    + "save it from Excel as .xlsx, or as CSV")
        }
        let root = try Self.relationships(in: "_rels/.rels", folder: "", archive: archive)
        guard let workbook = root.first(where: { OOXMLNames.relationship($0.type, is: "officeDocument") }) else {
            throw ConversionError(
                .input,
                "\(name): the package names no workbook part (no officeDocument relationship in _rels/.rels); "
                    + "open it in Excel and save it again as .xlsx")
        }
        if workbook.target.lowercased().hasSuffix(".bin") {
            throw ConversionError(
                .input, "\(name): a binary Excel workbook (.xlsb); open it in Excel and save it as .xlsx or CSV")
        }
        let folder = OOXMLNames.folder(of: workbook.target)
        var byId: [String: Relationship] = [:]
        let relsPart = OOXMLNames.relationshipsPart(of: workbook.target)
        if archive.contains(relsPart) {
            for relationship in try Self.relationships(in: relsPart, folder: folder, archive: archive) {
                byId[relationship.id] = relationship
                if OOXMLNames.relationship(relationship.type, is: "sharedStrings") {
                    sharedStringsPart = relationship.target
                }
                if OOXMLNames.relationship(relationship.type, is: "styles") { stylesPart = relationship.target }
            }
        }
        try readWorkbook(workbook.target, relationships: byId, archive: archive)
    }

    private mutating func readWorkbook(
        _ part: String, relationships: [String: Relationship], archive: ZipArchive
    ) throws(ConversionError) {
        let reader = try OOXMLReader(stream: try archive.open(part))
        while try reader.read() {
            guard reader.nodeType == OOXMLReader.NodeType.element else { continue }
            let namespace = reader.namespace.map { String(cString: $0) } ?? ""
            guard OOXMLNames.spreadsheet.contains(namespace) else { continue }
            if reader.isNamed("workbookPr") {
                let flag = reader.attributes().first { $0.name == "date1904" && $0.namespace.isEmpty }?.value
                date1904 = flag == "1" || flag == "true"
            } else if reader.isNamed("sheet") {
                let attributes = reader.attributes()
                let sheetName = attributes.first { $0.name == "name" && $0.namespace.isEmpty }?.value ?? ""
                let id = attributes.first { $0.name == "id" && OOXMLNames.relationships.contains($0.namespace) }?.value
                guard let id, let relationship = relationships[id] else {
                    throw ConversionError(
                        .input,
                        "\(archive.name): the sheet '\(sheetName)' has no part in the workbook's relationships; "
                            + "open it in Excel and save it again")
                }
                // Chart sheets and dialog sheets hold no cells: they are not sheets to read.
                guard OOXMLNames.relationship(relationship.type, is: "worksheet") else { continue }
                sheets.append(WorkbookSheet(name: sheetName, part: relationship.target))
            }
        }
        if sheets.isEmpty {
            throw ConversionError(.input, "\(archive.name): the workbook has no worksheets")
        }
    }

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// The relationships of a `.rels` part, targets resolved against `folder`.
    private static func relationships(
        in part: String, folder: String, archive: ZipArchive
    ) throws(ConversionError) -> [Relationship] {
        let reader = try OOXMLReader(stream: try archive.open(part))
        var found: [Relationship] = []
        while try reader.read() {
            guard reader.nodeType == OOXMLReader.NodeType.element, reader.isNamed("Relationship") else { continue }
            var id = ""
            var type = ""
            var target = ""
            var external = false
            for attribute in reader.attributes() where attribute.namespace.isEmpty {
                switch attribute.name {
                case "Id": id = attribute.value
                case "Type": type = attribute.value
                case "Target": target = attribute.value
                case "TargetMode": external = attribute.value == "External"
                default: break
                }
            }
            guard !external else { continue }
            found.append(Relationship(id: id, type: type, target: OOXMLNames.resolve(target, from: folder)))
        }
        return found
    }
}
