import Foundation

/// Issues JWT-shaped access tokens and knows which are valid.
///
/// The signature part is random rather than a real signature: the emulator
/// recognises its own tokens by remembering them, and clients must treat the
/// token as opaque apart from reading its payload.
struct TokenRegistry: Sendable {
    enum Verdict: Sendable, Equatable {
        case valid
        case expired
        case unknown
    }

    private var expiries: [String: Date] = [:]
    private(set) var issued = 0

    /// Issues a token for the workspace that lives `ttl` seconds from `now`.
    mutating func issue(workspaceId: String, ttl: Int, now: Date) -> String {
        if expiries.count >= Self.capacity { forgetOldest(now: now) }
        let expiry = now.addingTimeInterval(TimeInterval(ttl))
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let payload = Self.payload(workspaceId: workspaceId, issuedAt: now, expiry: expiry)
        var generator = SystemRandomNumberGenerator()
        let signature = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = [Base64URL.encode(Array(header.utf8)), Base64URL.encode(payload), Base64URL.encode(signature)]
            .joined(separator: ".")
        expiries[token] = expiry
        issued += 1
        return token
    }

    /// Whether `token` was issued here and has not expired at `now`.
    func verdict(for token: String, now: Date) -> Verdict {
        guard let expiry = expiries[token] else { return .unknown }
        return now < expiry ? .valid : .expired
    }

    /// How many tokens are remembered; a client that asks for more than
    /// this within one lifetime loses its oldest, which then answer 401.
    static let capacity = 50_000

    private mutating func forgetOldest(now: Date) {
        expiries = expiries.filter { $0.value > now }
        guard expiries.count >= Self.capacity else { return }
        let kept = expiries.sorted { $0.value > $1.value }.prefix(Self.capacity / 2)
        expiries = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    private static func payload(workspaceId: String, issuedAt: Date, expiry: Date) -> Data {
        let object: [String: Any] = [
            "sub": "emulator-technical-user",
            "iss": "ldifbulk-emulator",
            "iat": Int(issuedAt.timeIntervalSince1970),
            "exp": Int(expiry.timeIntervalSince1970),
            "principal": [
                "username": "emulator-technical-user",
                "permission": ["workspaceId": workspaceId, "workspaceName": "emulator", "role": "ADMIN"],
            ] as [String: Any],
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}
