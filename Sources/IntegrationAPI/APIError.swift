/// A request to the Integration API that did not succeed, after any retries.
///
/// The message says what happened and what to do; `serverErrors` holds the
/// server's own `errors` text when it sent one. Nothing here ever holds a token.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// No usable API token (missing, unreadable file).
        case token
        /// The token exchange or a request was refused (401 after a renewal, or 403).
        case unauthorized
        /// The server answered a status that is final: a 4xx other than 429, or a 5xx after all retries.
        case status
        /// No answer after all retries: connection refused, reset, closed, or timed out.
        case transport
        /// A create whose outcome is unknown: the run may or may not exist.
        case ambiguous
        /// An answer that could not be decoded.
        case decoding
        /// The host or an option is not acceptable.
        case configuration
    }

    public var code: Code
    public var message: String
    /// The HTTP status of the last answer, when there was one.
    public var status: Int?
    /// The server's `errors` texts.
    public var serverErrors: [String]
    /// Attempts made, the first included.
    public var attempts: Int

    public init(_ code: Code, _ message: String, status: Int? = nil, serverErrors: [String] = [], attempts: Int = 1) {
        self.code = code
        self.message = message
        self.status = status
        self.serverErrors = serverErrors
        self.attempts = attempts
    }

    public var description: String {
        guard !serverErrors.isEmpty else { return message }
        return "\(message): \(serverErrors.joined(separator: "; "))"
    }
}
