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

    @Test(arguments: ["first-token\nsecond-token\n", "a\r\nb", "  \nfirst\n\nsecond"])
    func aTokenFileWithSeveralLinesIsRefusedWithoutShowingThem(text: String) throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("token")
        try Data(text.utf8).write(to: file)
        let error = #expect(throws: APIError.self) { try APIToken.load(file: file.path, environment: [:]) }
        let message = error?.message ?? ""
        #expect(message.contains(file.path) && message.contains("2 non-empty lines"), "\(message)")
        #expect(!message.contains("first") && !message.contains("second"))
    }

    @Test(arguments: ["token-value\n", "token-value", "\n  token-value  \r\n\n"])
    func oneLineWithLineBreaksAroundIsFine(text: String) throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("token")
        try Data(text.utf8).write(to: file)
        #expect(try APIToken.load(file: file.path, environment: [:]).description == "<api token, 11 characters>")
    }

    @Test(arguments: [(0o644, true), (0o640, true), (0o600, false), (0o400, false)])
    func aTokenFileOthersCanReadGetsAWarning(mode: Int, warned: Bool) throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("token")
        try Data("secret-value\n".utf8).write(to: file)
        try #require(chmod(file.path, mode_t(mode)) == 0)
        let warning = APIToken.permissionWarning(file: file.path)
        #expect((warning != nil) == warned)
        if let warning {
            #expect(warning.contains(file.path) && warning.contains("chmod 600") && !warning.contains("secret"))
        }
    }

    @Test func anUnreadableTokenFileNamesTheFile() {
        let error = #expect(throws: APIError.self) { try APIToken.load(file: "/nonexistent/token", environment: [:]) }
        #expect(error?.message.contains("/nonexistent/token") == true)
    }
}
