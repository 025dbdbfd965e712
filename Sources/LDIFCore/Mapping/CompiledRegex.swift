public import BoundedRegex

/// A regular expression of the mapping (`match`, `matches`), compiled once; matching is thread-safe.
///
/// PCRE2 syntax with Unicode on; every search is bounded in work (see ``BoundedRegex``), so a
/// pattern that backtracks catastrophically on some value gives ``Search/tooComplex`` for it
/// instead of stalling the conversion.
public final class CompiledRegex: Sendable {
    /// What a search of one value gave.
    public enum Search<Found: Sendable & Equatable>: Sendable, Equatable {
        case found(Found)
        case noMatch
        case tooComplex
    }

    public let pattern: String
    let regex: BoundedRegex

    /// - Throws: ``BoundedRegex/SyntaxError`` when the pattern is not a valid regular expression.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try BoundedRegex(pattern)
    }

    /// The first capture group of the first match, or the whole match when the group did not take part.
    public func firstCapture(in text: String) -> Search<String> {
        var text = text
        return text.withUTF8 { bytes in
            switch regex.search(UnsafeRawBufferPointer(bytes)) {
            case .noMatch: return .noMatch
            case .tooComplex: return .tooComplex
            case .match(let groups):
                guard let range = (groups.count > 1 ? groups[1] : nil) ?? groups.first ?? nil else {
                    return .found("")
                }
                return .found(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) -> Search<Bool> {
        switch regex.search(text) {
        case .match: return .found(true)
        case .noMatch: return .found(false)
        case .tooComplex: return .tooComplex
        }
    }

    /// What a value that makes the search give up is told.
    public var tooComplexReason: String {
        "makes the regex '\(pattern)' backtrack past \(BoundedRegex.defaultStepLimit) steps, so it was given up"
            + " (simplify the regex: avoid nested repetition such as (a+)+)"
    }
}
