import Foundation
import IntegrationWire

/// The Integration API client: token, runs, status, progress, warnings.
///
/// Every request goes through one request budget and one retry policy and
/// carries a fresh access token; a 401 renews the token once. Callers pass
/// a `RequestTally` to count the requests made on their behalf.
public struct IntegrationClient: Sendable {
    /// How the client behaves; the defaults are the ones the command line uses.
    public struct Configuration: Sendable {
        public var clock: any APIClock
        public var random: RandomSource
        public var retryPolicy: RetryPolicy
        /// The budget for every request the client makes, token exchanges included.
        public var requestsPerSecond: Double
        /// The longest one request may take, body upload included.
        public var requestTimeout: Duration
        /// Renew the access token this long before it expires (never more than a quarter of its life).
        public var renewBefore: Duration
        /// How long one connection attempt may take to open; a failed attempt fails its request, for the retry policy.
        public var connectTimeout: Duration

        public init(
            clock: any APIClock = SystemClock(), random: RandomSource = .system,
            retryPolicy: RetryPolicy = RetryPolicy(),
            requestsPerSecond: Double = 10, requestTimeout: Duration = .seconds(300),
            renewBefore: Duration = .seconds(60),
            connectTimeout: Duration = .seconds(10)
        ) {
            self.clock = clock
            self.random = random
            self.retryPolicy = retryPolicy
            self.requestsPerSecond = requestsPerSecond
            self.requestTimeout = requestTimeout
            self.renewBefore = renewBefore
            self.connectTimeout = connectTimeout
        }
    }

    public let host: APIHost
    public let configuration: Configuration
    /// Every request the client made.
    public let tally = RequestTally()
    let sender: RetryingSender
    private let tokens: TokenProvider

    public init(
        host: APIHost, apiToken: APIToken, transport: any HTTPTransport, configuration: Configuration = Configuration()
    ) {
        self.host = host
        self.configuration = configuration
        sender = RetryingSender(
            transport: transport,
            budget: RateBudget(requestsPerSecond: configuration.requestsPerSecond, clock: configuration.clock),
            clock: configuration.clock, random: configuration.random, policy: configuration.retryPolicy,
            timeout: configuration.requestTimeout, sessionTally: tally)
        tokens = TokenProvider(host: host, apiToken: apiToken, sender: sender, renewBefore: configuration.renewBefore)
    }

    /// A current access token: the preflight's proof that the API token works.
    ///
    /// - Throws: `APIError` (`.unauthorized` when the API token is refused).
    public func accessToken(tally: RequestTally? = nil) async throws -> AccessToken {
        try await tokens.token(tally: tally)
    }

    /// Sends an authenticated request to `path` (from `IntegrationPaths`, with its query);
    /// a 401 renews the token and sends once more.
    func call(
        _ method: HTTPRequest.Method, _ path: String, body: Data? = nil, idempotent: Bool = true, tally: RequestTally?
    ) async throws -> HTTPResponse {
        var renewed = false
        while true {
            let token = try await tokens.token(tally: tally)
            do {
                return try await sender.send(idempotent: idempotent, tally: tally) {
                    HTTPRequest(
                        method: method, url: host.baseURL + path,
                        headers: [
                            (name: "Authorization", value: "Bearer \(token.bearer)"),
                            (name: "Content-Type", value: "application/json"),
                            (name: "Accept", value: "application/json"),
                        ], body: body)
                }
            } catch let error as APIError where error.status == 401 && !renewed {
                renewed = true
                await tokens.invalidate(token)
            }
        }
    }

    func decode<T: Decodable>(_ type: T.Type, from response: HTTPResponse, _ what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: response.body)
        } catch {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            throw APIError(.decoding, "\(what): unexpected answer from \(host): \(text)")
        }
    }
}
