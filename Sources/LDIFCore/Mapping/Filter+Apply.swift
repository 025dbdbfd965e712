import Foundation

/// Why a filter did not give a value.
public struct FilterProblem: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A converting filter refused the value (a warning; an error when the field is required).
        case rejected
        /// `required` met an empty value.
        case missingRequired
        /// A list reached a place that needs one value.
        case needsOneValue
    }

    public var kind: Kind
    public var filter: String
    public var message: String
}

extension Filter {
    /// Applies the filter. A rejected value is passed on as `nil` with the problem,
    /// so that a later `default` can replace it.
    func apply(_ value: Value, previous: Filter?) -> (Value?, FilterProblem?) {
        if case .list(let elements) = value, !worksOnList {
            var results: [Value] = []
            results.reserveCapacity(elements.count)
            for element in elements {
                let (result, problem) = apply(element, previous: previous)
                guard let result else { return (nil, problem) }
                if case .list(let nested) = result {
                    results.append(contentsOf: nested)
                } else {
                    results.append(result)
                }
            }
            return (.list(results), nil)
        }
        return applyToOne(value, previous: previous)
    }

    private func applyToOne(_ value: Value, previous: Filter?) -> (Value?, FilterProblem?) {
        switch self {
        case .trim: return (mapText(value) { Self.trimmed($0) }, nil)
        case .lower: return (mapText(value) { Self.lowercased($0) }, nil)
        case .upper: return (mapText(value) { $0.uppercased() }, nil)
        case .required:
            if value.isEmpty { return (nil, problem(.missingRequired, "a value is required here, and it is empty")) }
            return (value, nil)
        case .defaultValue(let fallback):
            return (value.isEmpty ? Self.typedDefault(fallback, after: previous) : value, nil)
        case .first:
            if case .list(let elements) = value { return (elements.first ?? .string(""), nil) }
            return (value, nil)
        case .list:
            if case .list = value { return (value, nil) }
            return (value.isEmpty ? .list([]) : .list([value]), nil)
        case .join(let separator):
            if case .list(let elements) = value {
                return (.string(elements.map(\.text).joined(separator: separator)), nil)
            }
            return (value, nil)
        case .split(let separator):
            return (.list(Self.split(value.text, by: separator).map { .string($0) }), nil)
        default:
            return convert(value)
        }
    }

    /// The converting filters: they may refuse a value.
    private func convert(_ value: Value) -> (Value?, FilterProblem?) {
        if value.isEmpty { return (value, nil) }
        let text = value.text
        switch self {
        case .number:
            // A JSON number goes through too: `number` writes the shortest form (980.00 → 980) from every format alike.
            guard let number = NumberText.normalized(text) else {
                return refuse(text, "is not a number (a decimal comma needs replace: ',', '.' first)")
            }
            return (.number(number), nil)
        case .integer:
            guard let number = NumberText.integer(text) else { return refuse(text, "is not a whole number") }
            return (.number(number), nil)
        case .boolean:
            if case .bool = value { return (value, nil) }
            guard let flag = Self.boolean(text) else {
                return refuse(text, "is not a boolean (true/false, yes/no, y/n, 1/0)")
            }
            return (.bool(flag), nil)
        case .date(let pattern):
            guard let iso = pattern.iso(text.trimmingASCIISpaces()) else {
                return refuse(text, "is not a date of the form '\(pattern.source)'")
            }
            return (.string(iso), nil)
        case .map(let name, let table):
            guard let mapped = table(text) else {
                return refuse(text, "is not in map '\(name)' (add it, or a \"*\" entry)")
            }
            return (.string(mapped), nil)
        case .lookup(let name, let table):
            guard let found = table.value(for: text) else {
                return refuse(text, "is not a key of lookup '\(name)' (\(table.file))")
            }
            return (.string(found), nil)
        case .replace(let target, let replacement):
            return (.string(text.replacingOccurrences(of: target, with: replacement)), nil)
        case .match(let regex):
            switch regex.firstCapture(in: text) {
            case .found(let found): return (.string(found), nil)
            case .noMatch: return refuse(text, "does not match '\(regex.pattern)'")
            case .tooComplex: return refuse(text, regex.tooComplexReason)
            }
        default:
            return (value, nil)
        }
    }

    private func refuse(_ text: String, _ reason: String) -> (Value?, FilterProblem?) {
        (nil, problem(.rejected, "\(name): '\(Finding.excerpt(text))' \(reason)"))
    }

    private func problem(_ kind: FilterProblem.Kind, _ message: String) -> FilterProblem {
        FilterProblem(kind: kind, filter: name, message: message)
    }

    private func mapText(_ value: Value, _ transform: (String) -> String) -> Value {
        switch value {
        case .string(let text): return .string(transform(text))
        case .number, .bool, .null, .json: return value
        case .list(let elements): return .list(elements.map { mapText($0, transform) })
        }
    }

    /// `default` after `number`, `integer` or `boolean` gives that type, so the field keeps one type.
    static func typedDefault(_ fallback: String, after previous: Filter?) -> Value {
        switch previous {
        case .number?: return NumberText.normalized(fallback).map(Value.number) ?? .string(fallback)
        case .integer?: return NumberText.integer(fallback).map(Value.number) ?? .string(fallback)
        case .boolean?:
            let lowered = fallback.lowercased()
            if ["true", "yes", "y", "1"].contains(lowered) { return .bool(true) }
            if ["false", "no", "n", "0"].contains(lowered) { return .bool(false) }
            return .string(fallback)
        default: return .string(fallback)
        }
    }

    /// Splits on a separator, trims each part and drops empty ones; works on UTF-8 bytes.
    static func split(_ text: String, by separator: String) -> [String] {
        let bytes = Array(text.utf8)
        var parts: [String] = []
        forEachPart(of: bytes, separator: Array(separator.utf8)) { range in
            let trimmed = trimmed(String(decoding: bytes[range], as: UTF8.self))
            if !trimmed.isEmpty { parts.append(trimmed) }
        }
        return parts
    }

    /// Calls `body` with the range of each part of `bytes` between separators, ASCII blanks
    /// trimmed, empty parts left out: the one splitting rule of the general and the byte path.
    static func forEachPart(of bytes: [UInt8], separator pattern: [UInt8], _ body: (Range<Int>) -> Void) {
        var start = 0
        var index = 0
        func take(_ end: Int) {
            var low = start
            var high = end
            while low < high, String.isSpace(bytes[low]) { low += 1 }
            while high > low, String.isSpace(bytes[high - 1]) { high -= 1 }
            if low < high { body(low..<high) }
        }
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0],
                pattern.count == 1 || bytes[index..<(index + pattern.count)].elementsEqual(pattern)
            {
                take(index)
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        take(bytes.count)
    }

    static func trimmed(_ text: String) -> String {
        // Most values have no blank at either end: answer without looking further.
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80
        {
            return text
        }
        let ascii = text.trimmingASCIISpaces()
        guard let first = ascii.first, let last = ascii.last, first.isWhitespace || last.isWhitespace else {
            return ascii
        }
        return String(ascii.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// true/false, yes/no, y/n, 1/0 in any case, blanks around allowed; nil otherwise.
    static func boolean(_ text: String) -> Bool? {
        boolean(bytes: text.utf8)
    }

    /// ``boolean(_:)`` on UTF-8 bytes.
    static func boolean<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool? {
        var word: UInt64 = 0  // up to 5 lowered ASCII letters, packed
        var count = 0
        for byte in bytes where !String.isSpace(byte) {
            guard count < 5, byte < 0x80 else { return nil }
            word |= UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << (8 * UInt64(count))
            count += 1
        }
        switch word {
        case Self.packed("true"), Self.packed("yes"), Self.packed("y"), Self.packed("1"): return true
        case Self.packed("false"), Self.packed("no"), Self.packed("n"), Self.packed("0"): return false
        default: return nil
        }
    }

    private static func packed(_ word: StaticString) -> UInt64 {
        var value: UInt64 = 0
        word.withUTF8Buffer { for (index, byte) in $0.enumerated() { value |= UInt64(byte) << (8 * UInt64(index)) } }
        return value
    }

    static func lowercased(_ text: String) -> String {
        var ascii = true
        var hasUpper = false
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard ascii else { return text.lowercased() }
        guard hasUpper else { return text }
        return String(unsafeUninitializedCapacity: text.utf8.count) { buffer in
            for (index, byte) in text.utf8.enumerated() {
                buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
            return text.utf8.count
        }
    }
}
