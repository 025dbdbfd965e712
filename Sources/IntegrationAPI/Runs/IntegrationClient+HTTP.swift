import AsyncHTTPClient
import NIOCore

extension IntegrationClient {
    /// Runs `body` with a client over its own HTTP connection pool, shut down when `body` ends or throws.
    ///
    /// - Parameters:
    ///   - host: the workspace host.
    ///   - apiToken: the API token to exchange.
    ///   - configuration: clock, randomness, retries, request budget.
    ///   - body: the work to do with the client.
    /// - Returns: what `body` returns.
    public static func withClient<T>(
        host: APIHost, apiToken: APIToken, configuration: Configuration = Configuration(),
        _ body: (IntegrationClient) async throws -> T
    ) async throws -> T {
        var settings = HTTPClient.Configuration()
        settings.timeout.connect = .nanoseconds(Int64(configuration.connectTimeout.seconds * 1e9))
        // A failed connect fails its request at once, with its cause: the retry policy decides about
        // retries, instead of the pool trying again silently until the connect timeout.
        settings.connectionPool.retryConnectionEstablishment = false
        return try await HTTPClient.withHTTPClient(configuration: settings) { http in
            let client = IntegrationClient(
                host: host, apiToken: apiToken, transport: AsyncHTTPTransport(client: http),
                configuration: configuration)
            return try await body(client)
        }
    }
}
