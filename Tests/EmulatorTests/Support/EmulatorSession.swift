import AsyncHTTPClient
import Emulator
import Foundation
import IntegrationWire
import NIOCore
import NIOHTTP1
import Testing

/// A running emulator, a real HTTP client pointed at it, and the emulator's
/// manual clock. Both are shut down when the test body ends, however it ends.
struct EmulatorSession {
    let emulator: RunningEmulator
    let client: HTTPClient
    let clock: ManualEmulatorClock

    /// Starts an emulator on a free loopback port for the duration of `body`.
    static func with<T>(
        _ options: EmulatorOptions = EmulatorOptions(apiToken: "test-api-token"),
        _ body: (EmulatorSession) async throws -> T
    ) async throws -> T {
        let clock = ManualEmulatorClock()
        return try await EmulatorServer.withRunningEmulator(options, clock: clock) { emulator in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                let value = try await body(EmulatorSession(emulator: emulator, client: client, clock: clock))
                try await client.shutdown()
                return value
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// An HTTP exchange's outcome.
    struct Answer {
        var status: Int
        var headers: HTTPHeaders
        var body: Data

        func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
            try JSONDecoder().decode(type, from: body)
        }

        var errors: [String] { (try? decode(ErrorAnswer.self).errors) ?? [] }
    }

    /// Sends one request and reads the whole answer.
    func send(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: Data? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: emulator.baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Data(buffer: bytes))
    }

    /// The token exchange with the given API token.
    func exchange(apiToken: String) async throws -> Answer {
        let basic = Data("apitoken:\(apiToken)".utf8).base64EncodedString()
        return try await send(
            .POST, IntegrationPaths.token,
            headers: [("Authorization", "Basic \(basic)"), ("Content-Type", "application/x-www-form-urlencoded")],
            body: Data("grant_type=client_credentials".utf8))
    }

    /// A valid access token.
    func accessToken(sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let answer = try await exchange(apiToken: emulator.apiToken)
        try #require(answer.status == 200, sourceLocation: sourceLocation)
        return try answer.decode(TokenAnswer.self).accessToken
    }

    /// An API call with a bearer token and a JSON body.
    func api(_ method: HTTPMethod, _ path: String, token: String, body: Data? = nil) async throws -> Answer {
        try await send(
            method, path, headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
            body: body)
    }

    /// Creates a run and returns its id, failing the test unless it answers 200.
    func createRun(
        _ ldif: Data, token: String, query: String = "", sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let answer = try await api(.POST, IntegrationPaths.synchronizationRuns + query, token: token, body: ldif)
        try #require(
            answer.status == 200, "create answered \(answer.status): \(answer.errors)", sourceLocation: sourceLocation)
        return try #require(answer.decode(CreateRunAnswer.self).run?.id, sourceLocation: sourceLocation)
    }

    /// The status of a run over HTTP.
    func status(_ id: String, token: String) async throws -> RunState? {
        try await api(.GET, IntegrationPaths.run(id, .status), token: token).decode(RunStatus.self).status
    }

    /// `GET /emulator/state` over HTTP.
    func state() async throws -> EmulatorState {
        try EmulatorState.decode(try await send(.GET, IntegrationPaths.emulatorState).body)
    }

    /// Moves time a minute on: past the end of every run the tests start.
    func finishRuns() {
        clock.advance(milliseconds: 60_000)
    }
}
