import Foundation

/// The base URL of a LeanIX workspace host (`https://acme.leanix.net`), checked.
///
/// Plain `http` is accepted only for loopback addresses (the emulator), so
/// that a token never crosses a network unencrypted.
public struct APIHost: Sendable, Hashable, CustomStringConvertible {
    /// The environment variable that may stand in for `--host`.
    public static let environmentVariable = "LEANIX_HOST"

    /// `scheme://host[:port]`, without a trailing slash or path.
    public let baseURL: String

    /// - Throws: `APIError` with code `.configuration` naming what is wrong with `text`.
    public init(_ text: String) throws {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("://") { trimmed = "https://" + trimmed }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            let host = components.host, !host.isEmpty
        else {
            throw APIError(.configuration, "'\(text)' is not a host; give one like https://acme.leanix.net")
        }
        guard components.path.isEmpty || components.path == "/", components.query == nil else {
            throw APIError(
                .configuration, "the host '\(text)' must not have a path; give one like https://acme.leanix.net")
        }
        switch scheme {
        case "https": break
        case "http" where Self.isLoopback(host): break
        case "http":
            throw APIError(.configuration, "plain http is allowed only for loopback addresses; use https://\(host)")
        default:
            throw APIError(.configuration, "unsupported scheme '\(scheme)' in '\(text)'; use https")
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        baseURL = "\(scheme)://\(bracketed.lowercased())\(port)"
    }

    public var description: String { baseURL }

    /// Whether `host` names this machine: `localhost`, `127.0.0.0/8` or `::1`.
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }
}
