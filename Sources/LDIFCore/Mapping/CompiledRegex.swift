import Foundation

/// A regular expression compiled once; matching is thread-safe.
public final class CompiledRegex: @unchecked Sendable {
    public let pattern: String
    let regex: NSRegularExpression

    /// - Throws: the underlying error when the pattern is not a valid regular expression.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try NSRegularExpression(pattern: pattern)
    }

    /// The first capture group of the first match, or the whole match; nil without a match.
    public func firstCapture(in text: String) -> String? {
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range) else { return nil }
        let group = match.numberOfRanges > 1 && match.range(at: 1).location != NSNotFound ? 1 : 0
        guard let found = Range(match.range(at: group), in: text) else { return "" }
        return String(text[found])
    }

    public func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
