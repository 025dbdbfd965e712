/// RFC 6901 JSON Pointer tokens: `/releases/1.2.0`, `/a~1b` (key `a/b`), `/m~0n` (key `m~n`).
enum JSONPointer {
    /// The reference tokens of `pointer`, unescaped; nil when it is not a pointer.
    ///
    /// `""` is the whole document (no tokens); every other pointer starts with `/`.
    static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let unescaped = unescape(token) else { return nil }
            tokens.append(unescaped)
        }
        return tokens
    }

    /// `~1` to `/` and `~0` to `~`; nil for a `~` followed by anything else.
    static func unescape(_ token: Substring) -> String? {
        guard token.contains("~") else { return String(token) }
        var result = ""
        var iterator = token.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }

    /// `key` as one pointer token (`~` as `~0`, `/` as `~1`).
    static func escape(_ key: String) -> String {
        guard key.contains(where: { $0 == "~" || $0 == "/" }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The array index a token names (`0`, `17`; not `017` or `-`), or nil.
    static func index(_ token: String) -> Int? {
        guard let first = token.utf8.first, token.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            first != 0x30 || token.utf8.count == 1, token.utf8.count <= 18
        else { return nil }
        return Int(token)
    }
}

/// One step of a path into JSON: a member key (which, when it is a number, also
/// selects that element of an array), or `*` (every element or member value).
enum JSONStep: Sendable, Equatable {
    case key([UInt8], index: Int?)
    case any

    init(token: String) {
        self = .key(Array(token.utf8), index: JSONPointer.index(token))
    }
}
