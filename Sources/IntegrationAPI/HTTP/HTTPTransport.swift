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
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
