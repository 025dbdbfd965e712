import Foundation

/// A fatal error: nothing useful could be done (unreadable input or mapping, refused options).
///
/// It names the file and position and says what to do; `underlying` keeps the
/// cause's words (shown after the message), `errno` the code of a failed system call.
public struct ConversionError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case mapping, input, output, options, usage, io
    }

    public var code: Code
    public var message: String
    public var underlying: String?
    /// The `errno` of the C or POSIX call that failed, when one did.
    public var errno: Int32?

    public init(_ code: Code, _ message: String, underlying: String? = nil, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.errno = errno
    }

    /// Whether this is a write to a pipe whose reader went away (`ldifbulk convert --stdout | head`).
    public var isBrokenPipe: Bool { errno == EPIPE }

    public var description: String {
        guard let underlying else { return message }
        return "\(message) (\(underlying))"
    }
}

extension ConversionError {
    /// An error from a C or POSIX call on a file, with `errno` spelled out.
    public static func io(_ operation: String, path: String, errno code: Int32) -> ConversionError {
        ConversionError(.io, "cannot \(operation) \(path): \(String(cString: strerror(code)))", errno: code)
    }
}
