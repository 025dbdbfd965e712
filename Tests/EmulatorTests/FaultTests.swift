import AsyncHTTPClient
import Emulator
import Foundation
import IntegrationWire
import Testing

struct FaultTests {
    /// The status codes of `count` list calls against an emulator with these faults.
    static func codes(seed: UInt64, faults: String, count: Int = 40) async throws -> [Int] {
        var options = EmulatorOptions(apiToken: "t")
        options.faults = try FaultRates(parsing: faults)
        options.seed = seed
        return try await EmulatorSession.with(options) { session in
            var token: String?
            while token == nil {
                let answer = try await session.exchange(apiToken: "t")
                if answer.status == 200 { token = try answer.decode(TokenAnswer.self).accessToken }
            }
            var codes: [Int] = []
            for _ in 0..<count {
                let answer = try await session.api(.GET, IntegrationPaths.synchronizationRuns, token: token ?? "")
                if answer.status == 429 { #expect(answer.headers.first(name: "Retry-After") != nil) }
                codes.append(answer.status)
            }
            return codes
        }
    }

    @Test func faultsAreDeterministicForASeed() async throws {
        let first = try await Self.codes(seed: 7, faults: "429=0.3,503=0.2")
        let again = try await Self.codes(seed: 7, faults: "429=0.3,503=0.2")
        let other = try await Self.codes(seed: 8, faults: "429=0.3,503=0.2")
        #expect(first == again)
        #expect(first != other)
        #expect(first.contains(429) && first.contains(503) && first.contains(200))
        #expect(try await Self.codes(seed: 7, faults: "") == Array(repeating: 200, count: 40))
    }

    @Test(arguments: ["429=2", "teapot=0.1", "429=0.6,503=0.6", "429"])
    func badFaultSpecsAreRefused(spec: String) {
        #expect(throws: EmulatorError.self) { try FaultRates(parsing: spec) }
    }

    @Test func lostCreateAnswers502ButTheRunExists() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.faults = FaultRates(lost: 1)
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            let answer = try await session.api(
                .POST, IntegrationPaths.synchronizationRuns, token: token,
                body: LDIFSample.body(LDIFSample.items(["A"]), description: "chunk-1"))
            #expect(answer.status == 502)
            let list = try await session.api(.GET, IntegrationPaths.synchronizationRuns, token: token)
                .decode([RunStatus].self)
            #expect(list.map(\.description) == ["chunk-1"])
        }
    }

    @Test func resetClosesTheConnectionWithoutAnswer() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.faults = FaultRates(reset: 1)
        try await EmulatorSession.with(options) { session in
            // A dropped connection, not a server that never answers (that would end in the deadline).
            await #expect {
                _ = try await session.exchange(apiToken: "t")
            } throws: { error in
                (error as? HTTPClientError) != .deadlineExceeded
            }
            await #expect {
                _ = try await session.api(
                    .POST, IntegrationPaths.synchronizationRuns, token: "x", body: LDIFSample.body([]))
            } throws: { error in
                (error as? HTTPClientError) != .deadlineExceeded
            }
            let state = try await session.state()
            #expect(state.faultsInjected["reset"] == 2)
            #expect(state.tokensIssued == 1)
        }
    }

    @Test func injectedFailEndsRunsFailed() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.faults = FaultRates(fail: 1)
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A"])), token: token, query: "?start=true")
            session.finishRuns()
            #expect(try await session.status(id, token: token) == .failed)
            #expect(try await session.state().delivered.isEmpty)
        }
    }

    @Test func bodiesOverTheLimitAnswer413() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.maxBody = 2_000
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            let small = LDIFSample.body(LDIFSample.items(["A"]))
            let large = LDIFSample.body(LDIFSample.items((0..<100).map { "ITEM-\($0)" }))
            #expect(large.count > 2_000)
            _ = try await session.createRun(small, token: token)
            let answer = try await session.api(.POST, IntegrationPaths.synchronizationRuns, token: token, body: large)
            #expect(answer.status == 413)
            #expect(try await session.state().runs.count == 1)
        }
    }

    @Test func requestsBeyondTheRateAnswer429() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.rps = 3
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            var codes: [Int] = []
            for _ in 0..<4 {
                codes.append(try await session.api(.GET, IntegrationPaths.synchronizationRuns, token: token).status)
            }
            #expect(codes == [200, 200, 429, 429])
            session.clock.advance(milliseconds: 1_000)
            #expect(try await session.api(.GET, IntegrationPaths.synchronizationRuns, token: token).status == 200)
            #expect(try await session.state().faultsInjected["rps"] == 2)
        }
    }
}
