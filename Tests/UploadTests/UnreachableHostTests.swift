import Foundation
import IntegrationAPI
import LDIFBulkTesting
import Synchronization
import Testing

/// A host that does not answer: the message names it and the cause, at once when nothing ever answered there.
struct UnreachableHostTests {
    /// A loopback port that nothing listens on: bound once to find a free one, then closed.
    static func closedPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aRefusedFirstConnectionEndsAtOnceNamingHostAndCause() async throws {
        let port = try Self.closedPort()
        let host = try APIHost("http://127.0.0.1:\(port)")
        let token = try #require(APIToken("t"))
        let error = await #expect(throws: APIError.self) {
            try await IntegrationClient.withClient(host: host, apiToken: token) { client in
                try await client.accessToken()
            }
        }
        let message = error?.message ?? ""
        #expect(message.contains("cannot reach http://127.0.0.1:\(port): connection refused"), "\(message)")
        #expect(error?.attempts == 1)
        // One attempt with the default configuration, as the command line uses it (once: 8 attempts, two minutes).
    }

    /// Answers 503 to the first request, then finds nothing listening any more.
    final class GoneAfterOneAnswer: HTTPTransport {
        let sent = Mutex(0)

        func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
            let count = sent.withLock { value in
                value += 1
                return value
            }
            if count == 1 { return HTTPResponse(status: 503, headers: [], body: Data()) }
            throw TransportError("connect", cause: .connectionRefused)
        }
    }

    @Test func aHostThatAnsweredBeforeIsRetriedAsAnOutageAndNamedAtTheEnd() async throws {
        let transport = GoneAfterOneAnswer()
        let configuration = IntegrationClient.Configuration(
            clock: SkippingClock(), random: .constant(0.5), retryPolicy: RetryPolicy(maxAttempts: 4))
        let client = IntegrationClient(
            host: try APIHost("https://acme.leanix.net"), apiToken: try #require(APIToken("t")), transport: transport,
            configuration: configuration)
        let error = await #expect(throws: APIError.self) { try await client.accessToken() }
        #expect(transport.sent.withLock { $0 } == 4)
        let message = error?.message ?? ""
        #expect(message.contains("https://acme.leanix.net/"), "\(message)")
        #expect(message.contains("connection refused after 4 attempts"), "\(message)")
    }

    @Test func theUploadCommandSaysWhichHostRefusedAndExitsOne() async throws {
        let port = try Self.closedPort()
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write(RunDirectoryFixture.applications(2, chunkSize: 2), into: directory.url)
        let result = try await BinaryRunner.run(
            ["upload", directory.url.path, "--host", "http://127.0.0.1:\(port)"],
            environment: ["LEANIX_API_TOKEN": "secret-token-value"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("cannot reach http://127.0.0.1:\(port): connection refused"))
        #expect(!result.standardError.contains("secret-token-value"))
    }
}
