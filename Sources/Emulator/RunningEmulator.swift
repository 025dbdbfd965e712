public import Foundation

/// An emulator that is listening: where to reach it and how to log in.
public struct RunningEmulator: Sendable {
    /// The scheme, host and port, e.g. `http://127.0.0.1:40123`, without a slash at the end.
    public let baseURL: String
    /// The port the server bound (useful when the options asked for 0).
    public let port: Int
    /// The API token the token exchange accepts (a local test credential).
    public let apiToken: String
    /// The workspace id inside every access token.
    public let workspaceId: String
    /// The emulator's state, for tests that look inside without HTTP.
    public let store: EmulatorStore

    /// ``baseURL`` as a URL.
    public var url: URL { URL(string: baseURL)! }

    init(host: String, port: Int, options: EmulatorOptions, store: EmulatorStore) {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        self.baseURL = "http://\(shownHost):\(port)"
        self.port = port
        self.apiToken = options.apiToken
        self.workspaceId = options.workspaceId
        self.store = store
    }
}
