/// A reason to send nothing at all: the upload cannot start as asked.
public struct UploadError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// `processingMode: full` in more than one chunk without `--allow-full-chunks`.
        case fullModeRefused
        /// The access token is for another workspace than the LDIF's `lxWorkspace`.
        case workspaceMismatch
        /// The token exchange failed.
        case preflight
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
