import Emulator
import Foundation
import IntegrationWire
import Testing

struct TokenTests {
    @Test func exchangeGivesJWTWithExpiryAndWorkspace() async throws {
        var options = EmulatorOptions(apiToken: "right-token", workspaceId: "ws-123")
        options.tokenTTL = 600
        try await EmulatorSession.with(options) { session in
            let answer = try await session.exchange(apiToken: "right-token")
            #expect(answer.status == 200)
            let token = try answer.decode(TokenAnswer.self)
            #expect(token.tokenType == "bearer")
            #expect(token.expiresIn == 600)
            #expect(token.expired == false)
            let parts = token.accessToken.split(separator: ".")
            try #require(parts.count == 3)
            let payload = try #require(Self.base64URLDecode(parts[1]))
            let object = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
            let exp = try #require(object["exp"] as? Int)
            #expect(exp == Int(session.clock.now().timeIntervalSince1970) + 600)
            let principal = object["principal"] as? [String: Any]
            let permission = principal?["permission"] as? [String: Any]
            #expect(permission?["workspaceId"] as? String == "ws-123")
        }
    }

    @Test(arguments: [
        ("apitoken:wrong", "grant_type=client_credentials", 401),
        ("someone:right-token", "grant_type=client_credentials", 401),
        ("apitoken:right-token", "grant_type=password", 400),
    ])
    func exchangeRefuses(credentials: String, form: String, status: Int) async throws {
        try await EmulatorSession.with(EmulatorOptions(apiToken: "right-token")) { session in
            let basic = Data(credentials.utf8).base64EncodedString()
            let answer = try await session.send(
                .POST, IntegrationPaths.token, headers: [("Authorization", "Basic \(basic)")], body: Data(form.utf8))
            #expect(answer.status == status)
            #expect(!answer.body.contains(Data("right-token".utf8)))
        }
    }

    @Test func apiCallsNeedAValidBearer() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.tokenTTL = 5
        try await EmulatorSession.with(options) { session in
            let list = IntegrationPaths.synchronizationRuns
            #expect(try await session.send(.GET, list).status == 401)
            #expect(try await session.api(.GET, list, token: "not.a.token").status == 401)
            let token = try await session.accessToken()
            #expect(try await session.api(.GET, list, token: token).status == 200)
            session.clock.advance(milliseconds: 5_000)
            let expired = try await session.api(.GET, list, token: token)
            #expect(expired.status == 401)
            #expect(expired.errors.first?.contains("expired") == true)
            let fresh = try await session.accessToken()
            #expect(try await session.api(.GET, list, token: fresh).status == 200)
        }
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
