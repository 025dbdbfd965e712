public import Foundation

/// One HTTP request as the client builds it: method, URL, headers, body.
public struct HTTPRequest: Sendable {
    public enum Method: String, Sendable {
        case get = "GET"
        case post = "POST"
        case put = "PUT"
        case delete = "DELETE"
    }

    public var method: Method
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: Data?

    public init(method: Method, url: String, headers: [(name: String, value: String)] = [], body: Data? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// One HTTP answer, its body collected.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name`, compared without case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Sends one request and collects its answer; retries, auth and budgets sit above it.
///
/// Injected into the client so that the uploader can be pointed at any
/// server; the shipped implementation is `AsyncHTTPTransport`.
public protocol HTTPTransport: Sendable {
    /// - Throws: `TransportError` when no answer came (refused, reset, closed, timed out).
    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse
}

/// No answer to a request: the connection failed, was closed, or the time ran out.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// Why no answer came, as far as the transport can tell.
    public enum Cause: String, Sendable {
        /// Nothing listens at the host's address and port.
        case connectionRefused = "connection refused"
        /// The host name does not resolve.
        case hostNotFound = "host not found (DNS)"
        /// No connection within the connect timeout.
        case connectTimeout = "connect timed out"
        /// The TLS handshake failed (certificate, protocol): nothing was sent.
        case tls = "TLS handshake failed"
        /// Connected, but the answer did not come in time.
        case timeout = "timed out"
        /// Anything else: reset, closed, TLS.
        case other = "no answer"

        /// An answer that says the address is wrong (nothing listens, no such name, a certificate for
        /// another host): trying again soon would say the same. A connect that timed out is not one: a
        /// busy or distant host may take the next try.
        public var wrongAddress: Bool {
            self == .connectionRefused || self == .hostNotFound || self == .tls
        }

        /// The request never reached the server: it cannot have had any effect.
        public var neverConnected: Bool {
            self == .connectionRefused || self == .hostNotFound || self == .connectTimeout || self == .tls
        }
    }

    public var message: String
    public var cause: Cause

    public init(_ message: String, cause: Cause = .other) {
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}
