/// The namespaces of the parts this importer reads, in both OOXML forms (transitional and strict).
enum OOXMLNames {
    static let spreadsheet: Set<String> = [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    ]
    static let relationships: Set<String> = [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ]
    static let packageRelationships: Set<String> = [
        "http://schemas.openxmlformats.org/package/2006/relationships"
    ]
    static let xml = "http://www.w3.org/XML/1998/namespace"

    /// Whether a relationship type names `kind` (`officeDocument`, `worksheet`, ...) in either form.
    static func relationship(_ type: String, is kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }

    /// Resolves a relationship target against the folder of the part that holds it
    /// (`worksheets/sheet1.xml` from `xl`, `/xl/worksheets/sheet1.xml`, `../media/x`).
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for part in target.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return parts.joined(separator: "/").removingPercentEscapes
    }

    /// The folder of a part (`xl` for `xl/workbook.xml`, empty for `workbook.xml`).
    static func folder(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[..<slash])
    }

    /// The relationships part of a part (`xl/_rels/workbook.xml.rels`).
    static func relationshipsPart(of part: String) -> String {
        let folder = folder(of: part)
        let name = part.split(separator: "/").last.map(String.init) ?? part
        return folder.isEmpty ? "_rels/\(name).rels" : "\(folder)/_rels/\(name).rels"
    }
}

extension String {
    /// `%20` and the like decoded (relationship targets are URIs); the text unchanged when malformed.
    fileprivate var removingPercentEscapes: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
