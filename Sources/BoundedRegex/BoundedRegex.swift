import CPCRE2

/// A regular expression (PCRE2 syntax, UTF-8 and Unicode properties on) whose every
/// search is bounded in work: a pattern that backtracks catastrophically on some text
/// (`(a+)+$` on `aaaa…a!`) gives up with ``Outcome/tooComplex`` instead of running for
/// minutes. Compiled once; searching is thread-safe (each search has its own match data).
public final class BoundedRegex: @unchecked Sendable {
    // Unchecked: the compiled code is immutable once made, and PCRE2 documents it as shareable.

    /// What a search found.
    public enum Outcome: Equatable, Sendable {
        /// A match: the byte ranges of the whole match (index 0) and of each group (nil: did not take part).
        case match([Range<Int>?])
        case noMatch
        /// The search passed its work bound before it could decide.
        case tooComplex
    }

    /// A pattern PCRE2 cannot compile: its message and the byte offset where it found the problem.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var offset: Int
        public var description: String { "\(message) at offset \(offset)" }
    }

    /// Backtracking steps one search may take (PCRE2's match limit): ample for any sane
    /// pattern on a field value, a fraction of a second at worst.
    public static let defaultStepLimit: UInt32 = 1_000_000
    /// Nested backtracking frames one search may hold (PCRE2's depth limit, in frames).
    public static let defaultDepthLimit: UInt32 = 10_000

    public let pattern: String
    private let code: OpaquePointer
    private let context: OpaquePointer?

    /// Compiles `pattern`.
    ///
    /// - Throws: ``SyntaxError`` when it is not a valid PCRE2 pattern.
    public init(
        _ pattern: String, stepLimit: UInt32 = BoundedRegex.defaultStepLimit,
        depthLimit: UInt32 = BoundedRegex.defaultDepthLimit
    ) throws(SyntaxError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        let compiled = Array(pattern.utf8).withUnsafeBufferPointer { bytes in
            pcre2_compile_8(bytes.baseAddress, bytes.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw SyntaxError(message: Self.message(for: errorCode), offset: errorOffset)
        }
        code = compiled
        context = pcre2_match_context_create_8(nil)
        if let context {
            pcre2_set_match_limit_8(context, stepLimit)
            pcre2_set_depth_limit_8(context, depthLimit)
        }
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }

    /// Searches `text` anywhere for the first match.
    public func search(_ text: String) -> Outcome {
        var text = text
        return text.withUTF8 { search(UnsafeRawBufferPointer($0)) }
    }

    /// Searches UTF-8 `bytes` (which must be valid UTF-8) anywhere for the first match.
    public func search(_ bytes: UnsafeRawBufferPointer) -> Outcome {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else { return .tooComplex }
        defer { pcre2_match_data_free_8(data) }
        var none: UInt8 = 0
        let result = withUnsafePointer(to: &none) { empty in
            // PCRE2 wants a subject pointer even for empty text.
            let subject = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? empty
            return pcre2_match_8(code, subject, bytes.count, 0, UInt32(PCRE2_NO_UTF_CHECK), data, context)
        }
        if result == PCRE2_ERROR_NOMATCH { return .noMatch }
        guard result > 0, let vector = pcre2_get_ovector_pointer_8(data) else { return .tooComplex }
        let groups = Int(pcre2_get_ovector_count_8(data))
        var ranges: [Range<Int>?] = []
        for group in 0..<groups {
            let start = vector[2 * group]
            let end = vector[2 * group + 1]
            ranges.append(group < Int(result) && start != Self.unset && start <= end ? start..<end : nil)
        }
        return .match(ranges)
    }

    /// The number of capture groups in the pattern.
    public var groupCount: Int {
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    private static let unset = Int(bitPattern: UInt(bitPattern: -1))

    private static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer.prefix(Int(count)), as: UTF8.self) : "error \(code)"
    }
}
