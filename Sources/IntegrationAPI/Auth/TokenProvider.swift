import Foundation
import IntegrationWire

/// Exchanges the API token for access tokens and keeps the current one.
///
/// The access token is renewed `renewBefore` (a minute) ahead of its expiry,
/// or a quarter of its life ahead when it lives less than four minutes, and
/// once more whenever the server answers 401 to it. Concurrent callers share
/// one exchange.
actor TokenProvider {
    private let host: APIHost
    private let apiToken: APIToken
    private let sender: RetryingSender
    private let renewBefore: Duration
    private var current: AccessToken?
    private var exchange: Task<AccessToken, any Error>?

    init(host: APIHost, apiToken: APIToken, sender: RetryingSender, renewBefore: Duration = .seconds(60)) {
        self.host = host
        self.apiToken = apiToken
        self.sender = sender
        self.renewBefore = renewBefore
    }

    /// A token with more than `renewBefore` left, exchanging for a new one when needed.
    func token(tally: RequestTally?) async throws -> AccessToken {
        if let current, sender.clock.now < current.renewAt { return current }
        if let exchange { return try await exchange.value }
        let task = Task { [host, apiToken, sender] in
            try await Self.exchange(
                host: host, apiToken: apiToken, sender: sender, tally: tally, renewBefore: renewBefore)
        }
        exchange = task
        defer { exchange = nil }
        let token = try await task.value
        current = token
        return token
    }

    /// Forgets `token` after the server refused it, so that the next call exchanges again.
    func invalidate(_ token: AccessToken) {
        if current?.bearer == token.bearer { current = nil }
    }

    private static func exchange(
        host: APIHost, apiToken: APIToken, sender: RetryingSender, tally: RequestTally?, renewBefore: Duration
    ) async throws -> AccessToken {
        let started = sender.clock.now
        let basic = Data("apitoken:\(apiToken.secret)".utf8).base64EncodedString()
        let request = HTTPRequest(
            method: .post, url: host.baseURL + IntegrationPaths.token,
            headers: [
                (name: "Authorization", value: "Basic \(basic)"),
                (name: "Content-Type", value: "application/x-www-form-urlencoded"),
                (name: "Accept", value: "application/json"),
            ],
            body: Data("grant_type=client_credentials".utf8))
        let response: HTTPResponse
        do {
            response = try await sender.send(idempotent: true, tally: tally) { request }
        } catch var error as APIError where error.code == .unauthorized {
            error.message =
                "the API token was refused by \(host) (HTTP \(error.status ?? 401)); check the token and the host"
            throw error
        }
        guard let answer = try? JSONDecoder().decode(TokenAnswer.self, from: response.body) else {
            throw APIError(.decoding, "the token exchange at \(host) answered something that is not a token")
        }
        let claims = AccessToken.claims(ofJWT: answer.accessToken)
        // Count the lifetime from when the request left, so that a slow answer errs on the early side.
        let lifetime =
            answer.expiresIn.map(Double.init) ?? claims?.exp.map { $0 - Date().timeIntervalSince1970 } ?? 3600
        // A short-lived token (a test's) is used for three quarters of its life, not renewed on every call.
        let margin = renewBefore > .zero ? min(renewBefore, .seconds(double: lifetime / 4)) : renewBefore
        let expiresAt = started + .seconds(double: lifetime)
        return AccessToken(
            bearer: answer.accessToken, expiresAt: expiresAt, renewAt: expiresAt - margin,
            workspaceId: claims?.principal?.permission?.workspaceId)
    }
}
