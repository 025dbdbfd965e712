public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

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
            let cause = Self.cause(of: error)
            let detail = cause == .other ? "\(error)" : "\(cause.rawValue) (\(error))"
            throw TransportError("\(request.method.rawValue) \(Self.pathOf(request.url)): \(detail)", cause: cause)
        }
    }

    /// What the error of AsyncHTTPClient or NIO says about why no answer came.
    static func cause(of error: any Error) -> TransportError.Cause {
        switch error {
        case let error as HTTPClientError:
            if error == .connectTimeout { return .connectTimeout }
            if [.deadlineExceeded, .readTimeout, .writeTimeout].contains(error) { return .timeout }
            return .other
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return .hostNotFound
            }
            let causes = error.connectionErrors.map { cause(of: $0.error) }
            return causes.first { $0 != .other } ?? .other
        case let error as IOError:
            return error.errnoCode == ECONNREFUSED ? .connectionRefused : .other
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            return .hostNotFound
        case ChannelError.connectTimeout:
            return .connectTimeout
        case is NIOSSLError, is NIOSSLExtraError:
            return .tls
        default:
            return .other
        }
    }

    /// The path of a URL, for messages (the host is known, the query may be long).
    private static func pathOf(_ url: String) -> String {
        URLComponents(string: url)?.path ?? url
    }
}
