/// The answer of the MTM token exchange:
/// `{"scope","expired","access_token","token_type","expires_in"}`.
public struct TokenAnswer: Codable, Sendable, Hashable {
    /// The bearer token (a JWT) for every API call.
    public var accessToken: String
    /// Usually `"bearer"`.
    public var tokenType: String?
    /// Seconds until the token expires (about 3,600 on the real service).
    public var expiresIn: Int?
    /// Usually empty.
    public var scope: String?
    /// Whether the token has already expired (false on a fresh answer).
    public var expired: Bool?

    public init(
        accessToken: String, tokenType: String? = "bearer", expiresIn: Int? = nil, scope: String? = "",
        expired: Bool? = false
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.scope = scope
        self.expired = expired
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case scope, expired
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try container.decode(String.self, forKey: .accessToken)
        tokenType = container.lenient(String.self, .tokenType)
        expiresIn = container.lenientInt(.expiresIn)
        scope = container.lenient(String.self, .scope)
        expired = container.lenient(Bool.self, .expired)
    }
}
