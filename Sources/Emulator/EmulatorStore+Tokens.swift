import Foundation
import IntegrationWire

extension EmulatorStore {
    /// The MTM token exchange: HTTP Basic `apitoken:<API token>` and the form
    /// `grant_type=client_credentials`.
    func exchangeToken(authorization: String?, form: String) -> Reply {
        guard let authorization, let credentials = Self.basicCredentials(authorization),
            credentials.user == "apitoken", credentials.password == options.apiToken
        else {
            return Self.oauthError(401, "invalid_client", "Bad credentials: send HTTP Basic apitoken:<API token>")
        }
        let fields = form.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).map(String.init) }
        guard fields.contains(where: { $0 == ["grant_type", "client_credentials"] }) else {
            return Self.oauthError(400, "unsupported_grant_type", "send the form body grant_type=client_credentials")
        }
        let token = tokens.issue(workspaceId: options.workspaceId, ttl: options.tokenTTL, now: now)
        return .json(TokenAnswer(accessToken: token, tokenType: "bearer", expiresIn: options.tokenTTL))
    }

    /// nil when the bearer token is valid, else the 401 answer.
    func authenticate(authorization: String?) -> Reply? {
        guard let authorization, authorization.lowercased().hasPrefix("bearer ") else {
            return .errors(401, ["Missing bearer token: send Authorization: Bearer <access_token>"])
        }
        let token = authorization.dropFirst("bearer ".count).trimmingSpaces
        switch tokens.verdict(for: token, now: now) {
        case .valid: return nil
        case .expired: return .errors(401, ["The access token has expired: ask for a new one"])
        case .unknown: return .errors(401, ["The access token is not valid"])
        }
    }

    private static func basicCredentials(_ header: String) -> (user: String, password: String)? {
        guard header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: header.dropFirst("basic ".count).trimmingSpaces)
        else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    private static func oauthError(_ status: Int, _ code: String, _ description: String) -> Reply {
        struct OAuthError: Encodable {
            var error: String
            var errorDescription: String
            var errors: [String]

            enum CodingKeys: String, CodingKey {
                case error, errors
                case errorDescription = "error_description"
            }
        }
        return .json(OAuthError(error: code, errorDescription: description, errors: [description]), status: status)
    }
}
