public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// `HTTPTransport` over AsyncHTTPClient.
public struct AsyncHTTPTransport: HTTPTransport {
    /// Answers larger than this are cut off as an error: no answer of this API comes near it.
    static let maxResponseBytes = 256 << 20

    private let client: HTTPClient

    /// A transport over `client`; the caller owns the client and shuts it down.
    public init(client: HTTPClient) {
        self.client = client
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers {
            outgoing.headers.add(name: name, value: value)
        }
        if let body = request.body {
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        let nanoseconds = Int64(min(timeout.seconds, 86_400) * 1e9)
        do {
            let response = try await client.execute(outgoing, timeout: .nanoseconds(nanoseconds))
            let body = try await response.body.collect(upTo: Self.maxResponseBytes)
            return HTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { (name: $0.name, value: $0.value) },
                body: Data(body.readableBytesView))
        } catch let error as CancellationError {
            throw error
        } catch {
            throw TransportError("\(request.method.rawValue) \(Self.pathOf(request.url)): \(error)")
        }
    }

    /// The path of a URL, for messages (the host is known, the query may be long).
    private static func pathOf(_ url: String) -> String {
        URLComponents(string: url)?.path ?? url
    }
}
