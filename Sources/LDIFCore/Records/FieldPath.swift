import Foundation

/// A field reference as written in a template: `name`, `"Business Owner"`,
/// `supplier/name`, `@bom-ref`, `licenses/*/license/id`.
///
/// The core keeps the text; each importer gives it meaning when it binds the
/// plan's paths (a CSV column name, an XML or JSON path).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as written, without quotes (escapes resolved).
    public var text: String
    /// Whether the path was a quoted name: then it is one name, never split on `/`.
    public var quoted: Bool

    public init(_ text: String, quoted: Bool = false) {
        self.text = text
        self.quoted = quoted
    }

    public var description: String {
        guard quoted else { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}
