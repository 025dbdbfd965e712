import Foundation

/// The LeanIX API token: a secret that is exchanged for short-lived access tokens.
///
/// It is read from the environment or a file, never from the command line,
/// and its descriptions never show it, so that it cannot end up in a log,
/// a report or an error message by accident.
public struct APIToken: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable the token is read from.
    public static let environmentVariable = "LEANIX_API_TOKEN"

    let secret: String

    /// A token from its text, with surrounding white space removed; nil when nothing is left.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        secret = trimmed
    }

    public var description: String { "<api token, \(secret.count) characters>" }
    public var debugDescription: String { description }

    /// The token from `file` when one is given, else from `LEANIX_API_TOKEN`.
    ///
    /// - Parameters:
    ///   - file: the path given with `--token-file`, if any.
    ///   - environment: the process environment.
    /// - Throws: `APIError` with code `.token` when there is no token or the file cannot be read;
    ///   the message never contains the token.
    public static func load(file: String?, environment: [String: String]) throws -> APIToken {
        if let file {
            let data: Data
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw APIError(.token, "cannot read the API token file \(file): \(error.localizedDescription)")
            }
            guard let text = String(data: data, encoding: .utf8), let token = APIToken(text) else {
                throw APIError(.token, "the API token file \(file) is empty or not UTF-8 text")
            }
            let lines = text.split(whereSeparator: \.isNewline).filter {
                !$0.trimmingCharacters(in: .whitespaces).isEmpty
            }
            guard lines.count == 1 else {
                // Which token was meant cannot be guessed, and the lines must not be shown.
                throw APIError(
                    .token,
                    "the API token file \(file) holds \(lines.count) non-empty lines; it must hold the token alone, "
                        + "on one line (a trailing line break is fine)")
            }
            return token
        }
        guard let text = environment[environmentVariable], let token = APIToken(text) else {
            throw APIError(
                .token,
                "no API token: set \(environmentVariable) or pass --token-file FILE "
                    + "(create a token in LeanIX under Administration > Technical Users)")
        }
        return token
    }

    /// A warning when the token file `file` can be read by users other than its owner; nil otherwise.
    ///
    /// A secret in a file that group or others may read has leaked to them already.
    public static func permissionWarning(file: String) -> String? {
        var info = stat()
        guard stat(file, &info) == 0 else { return nil }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 != 0 else { return nil }
        return "warning: the API token file \(file) can be read by other users (mode "
            + "\(String(mode, radix: 8))): make it private with chmod 600 \(file)"
    }
}
