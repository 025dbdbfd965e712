/// A value flowing through a template's filters.
///
/// Field values become `Value`s only when a filter needs them; plain column
/// copies are written from the record's bytes directly.
public enum Value: Sendable, Equatable {
    case string(String)
    /// JSON number text.
    case number(String)
    case bool(Bool)
    case null
    /// A JSON object or array as compact JSON text.
    case json(String)
    case list([Value])

    /// Empty values (empty string, empty list, null) are left out of `data` by default.
    public var isEmpty: Bool {
        switch self {
        case .string(let text): return text.isEmpty
        case .null: return true
        case .list(let values): return values.isEmpty
        case .json(let text): return text == "[]"
        default: return false
        }
    }

    /// The value itself, or the first element of a list (nil for an empty list).
    public var firstValue: Value? {
        if case .list(let values) = self { return values.first }
        return self
    }

    /// The value as text, for string filters and for templates that mix text and expressions.
    public var text: String {
        switch self {
        case .string(let text), .number(let text), .json(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return ""
        case .list(let values): return values.map(\.text).joined(separator: ",")
        }
    }

    /// Appends the value as JSON.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .string(let text): JSONBytes.appendString(text, to: &out)
        case .number(let text), .json(let text): out.append(contentsOf: text.utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .list(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// The value as JSON text (for `explain`).
    public var jsonText: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension Record {
    /// The values of a slot as a ``Value``: nothing is an empty string, one value
    /// keeps its kind, several are a list.
    public func value(ofSlot slot: Int) -> Value {
        let range = slots[slot]
        if slot < listSlots.count, listSlots[slot] { return .list(values[range].map { value(of: $0) }) }
        switch range.count {
        case 0: return .string("")
        case 1: return value(of: values[range.lowerBound])
        default: return .list(values[range].map { value(of: $0) })
        }
    }

    /// One field value as a ``Value``.
    public func value(of field: FieldValue) -> Value {
        switch field.kind {
        case .string: return .string(text(of: field))
        case .number: return .number(text(of: field))
        case .bool: return .bool(count(of: field) == 4)
        case .null: return .null
        case .json: return .json(text(of: field))
        }
    }

    private func count(of field: FieldValue) -> Int { field.count }
}
