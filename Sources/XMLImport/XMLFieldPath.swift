import LDIFCore

/// A field path inside an XML record: child elements, then optionally an attribute.
///
/// `name` (the text of child `name`), `supplier/name`, `licenses/license/id`,
/// `@bom-ref` (an attribute of the record element), `supplier/@id`, and `.`
/// (the record element's own text). Every element on the way may repeat: all
/// matches are taken, in document order. Names match by local name; a prefix
/// (`cdx:name`) is ignored. A quoted path is one element name.
struct XMLFieldPath: Sendable, Equatable {
    /// Child element names from the record element down.
    var elements: [String]
    /// The attribute read from the last element (the record element when `elements` is empty).
    var attribute: String?

    /// Parses `path`, or says what is wrong with it.
    static func parse(_ path: FieldPath) -> Result<XMLFieldPath, BindFailure> {
        if path.quoted {
            guard let name = localName(of: Substring(path.text)) else {
                return .failure(BindFailure("\(path) is not an XML element name"))
            }
            return .success(XMLFieldPath(elements: [name], attribute: nil))
        }
        if path.text == "." { return .success(XMLFieldPath(elements: [], attribute: nil)) }
        var elements: [String] = []
        var attribute: String?
        for step in path.text.split(separator: "/", omittingEmptySubsequences: false) {
            if attribute != nil {
                return .failure(BindFailure("'\(path.text)': an attribute (@name) can only be the last step"))
            }
            if step.first == "@", let name = localName(of: step.dropFirst()) {
                attribute = name
            } else if let name = localName(of: step) {
                elements.append(name)
            } else {
                return .failure(BindFailure("'\(path.text)': \(describe(step))"))
            }
        }
        return .success(XMLFieldPath(elements: elements, attribute: attribute))
    }

    private static func describe(_ step: Substring) -> String {
        switch step {
        case "": return "an empty step (write child/grandchild, without '//' or a trailing '/')"
        case "*": return "'*' is not needed in XML paths: every matching element is taken, in document order"
        case ".", "..": return "'\(step)' can only stand alone, as '.' for the record element's own text"
        default: return "'\(step)' is not an element name (predicates and functions are not supported)"
        }
    }

    /// The local part of an XML name (`cdx:name` gives `name`), or nil when `step` is not a name.
    static func localName(of step: Substring) -> String? {
        let local = step.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).last ?? step
        guard let first = local.unicodeScalars.first, isNameStart(first),
            local.unicodeScalars.allSatisfy(isNameCharacter)
        else { return nil }
        return String(local)
    }

    private static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic
    }

    private static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || scalar == "-" || scalar == "." || scalar == "\u{B7}"
            || scalar.properties.numericType != nil || scalar.properties.generalCategory == .nonspacingMark
    }
}

/// Why a field path cannot be bound.
struct BindFailure: Error, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
