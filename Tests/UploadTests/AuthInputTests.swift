import Foundation
import IntegrationAPI
import Testing

struct APIHostTests {
    @Test(arguments: [
        ("https://acme.leanix.net", "https://acme.leanix.net"), ("acme.leanix.net/", "https://acme.leanix.net"),
        ("HTTPS://EU-SVC.leanix.net:8443", "https://eu-svc.leanix.net:8443"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"), ("http://localhost:1", "http://localhost:1"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ])
    func acceptsHTTPSAndLoopbackHTTP(text: String, base: String) throws {
        #expect(try APIHost(text).baseURL == base)
    }

    @Test(arguments: [
        "http://acme.leanix.net", "http://10.0.0.1", "ftp://acme.leanix.net", "https://",
        "https://acme.leanix.net/services",
    ])
    func refusesEverythingElse(text: String) {
        #expect(throws: APIError.self) { try APIHost(text) }
    }
}

struct APITokenTests {
    @Test func comesFromTheEnvironmentTrimmed() throws {
        let token = try APIToken.load(file: nil, environment: ["LEANIX_API_TOKEN": "  s3cret-Value\n"])
        #expect(!"\(token)".contains("s3cret"))
        #expect(!String(reflecting: token).contains("s3cret"))
    }

    @Test func aTokenFileWinsOverTheEnvironment() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("token")
        try Data("from-file\n".utf8).write(to: file)
        let token = try APIToken.load(file: file.path, environment: ["LEANIX_API_TOKEN": "from-env"])
        #expect(token.description == "<api token, 9 characters>")
    }

    @Test(arguments: [[:], ["LEANIX_API_TOKEN": "  \n"]])
    func noTokenIsAClearError(environment: [String: String]) {
        let error = #expect(throws: APIError.self) { try APIToken.load(file: nil, environment: environment) }
        #expect(error?.message.contains("LEANIX_API_TOKEN") == true)
    }

    @Test func anUnreadableTokenFileNamesTheFile() {
        let error = #expect(throws: APIError.self) { try APIToken.load(file: "/nonexistent/token", environment: [:]) }
        #expect(error?.message.contains("/nonexistent/token") == true)
    }
}
