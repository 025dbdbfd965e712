import LDIFCore

/// A field path inside a JSON record: `supplier/name`, `licenses/*/license/id`,
/// `hashes/0/content`, `.` (the record value itself).
///
/// Steps are JSON Pointer tokens (`~1` for a `/` in a key, `~0` for `~`); a
/// number selects an array element (or the member of that name in an
/// object); `*` takes every element of an array (or every value of an
/// object), so a path with `*` always gives a list, even of one or none; a
/// path without `*`, as in XML, gives a list for several matches and a single
/// value for one (the filter `list` makes that an array of one). A quoted path is one key.
enum JSONFieldPath {
    /// The steps of `path`, or why it is malformed.
    static func steps(of path: FieldPath) -> Result<[JSONStep], BindFailure> {
        if path.quoted { return .success([.key(Array(path.text.utf8), index: nil)]) }
        if path.text == "." { return .success([]) }
        guard !path.text.isEmpty else { return .failure(BindFailure("an empty path: write '.' for the record itself")) }
        if path.text.hasPrefix("/") {
            return .failure(
                BindFailure("'\(path.text)': field paths are relative to the record; leave out the leading '/'"))
        }
        var steps: [JSONStep] = []
        for token in path.text.split(separator: "/", omittingEmptySubsequences: false) {
            if token.isEmpty {
                return .failure(
                    BindFailure(
                        "'\(path.text)': an empty step (a key that is the empty string is written as a quoted \"\")"))
            }
            if token == "*" {
                steps.append(.any)
                continue
            }
            guard let key = JSONPointer.unescape(token) else {
                return .failure(BindFailure("'\(path.text)': '~' must be followed by 0 (for '~') or 1 (for '/')"))
            }
            steps.append(JSONStep(token: key))
        }
        return .success(steps)
    }
}

/// Why a field path cannot be bound.
struct BindFailure: Error, Equatable {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
