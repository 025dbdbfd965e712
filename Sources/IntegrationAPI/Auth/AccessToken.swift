import Foundation

/// A short-lived bearer token from the token exchange, and what its JWT payload says.
///
/// Like the API token it never shows itself in a description.
public struct AccessToken: Sendable, CustomStringConvertible {
    let bearer: String
    /// When the token stops working, on the client's clock.
    public let expiresAt: Duration
    /// When the client asks for a new one, on the same clock.
    let renewAt: Duration
    /// `principal.permission.workspaceId` from the JWT payload, when present.
    public let workspaceId: String?

    init(bearer: String, expiresAt: Duration, renewAt: Duration, workspaceId: String?) {
        self.bearer = bearer
        self.expiresAt = expiresAt
        self.renewAt = renewAt
        self.workspaceId = workspaceId
    }

    public var description: String { "<access token\(workspaceId.map { " for workspace \($0)" } ?? "")>" }

    /// The claims this client reads from a JWT's payload: seconds-since-1970 expiry and workspace.
    struct Claims: Decodable {
        struct Principal: Decodable {
            struct Permission: Decodable {
                var workspaceId: String?
            }
            var permission: Permission?
        }
        var exp: Double?
        var principal: Principal?
    }

    /// The payload of a JWT (`header.payload.signature`, base64url without padding); nil when it is not one.
    static func claims(ofJWT jwt: String) -> Claims? {
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64) else { return nil }
        return try? JSONDecoder().decode(Claims.self, from: data)
    }
}
