import Emulator
import Foundation
import IntegrationWire
import NIOHTTP1
import Testing

struct RunLifecycleTests {
    static func options() -> EmulatorOptions {
        var options = EmulatorOptions(apiToken: "t")
        options.runMs = 100
        options.itemMs = 10
        return options
    }

    @Test func createStartAndPollToFinished() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(LDIFSample.body(LDIFSample.items(["A1", "A2", "A3"])), token: token)
            #expect(try await session.status(id, token: token) == .created)
            let start = try await session.api(.POST, IntegrationPaths.run(id, .start), token: token)
            #expect(start.status == 200)
            #expect(try await session.status(id, token: token) == .pending)
            session.clock.advance(milliseconds: 60)
            #expect(try await session.status(id, token: token) == .inProgress)
            session.clock.advance(milliseconds: 15)
            let progress = try await session.api(.GET, IntegrationPaths.run(id, .progress), token: token)
                .decode(RunProgress.self)
            #expect(progress.status == .inProgress)
            #expect(progress.processedContentCount == 0)
            session.clock.advance(milliseconds: 20)
            let later = try await session.api(.GET, IntegrationPaths.run(id, .progress), token: token)
                .decode(RunProgress.self)
            #expect(later.processedContentCount == 1)
            session.clock.advance(milliseconds: 40)
            #expect(try await session.status(id, token: token) == .finished)
            let stats = try await session.api(.GET, IntegrationPaths.run(id, .stats), token: token).decode(
                RunStats.self)
            #expect(stats.statusChanges?.map(\.status) == [.created, .pending, .inProgress, .finished])
            #expect(stats.processedContentCount == 3)
            let results = try await session.api(.GET, IntegrationPaths.run(id, .results), token: token)
            #expect(results.status == 204)
            let state = try await session.state()
            #expect(state.delivered.map(\.id) == ["A1", "A2", "A3"])
            #expect(state.runs.first?.finishedAt != nil)
        }
    }

    @Test func createWithStartQueuesAtOnceAndRunsInParallel() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            let first = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A"])), token: token, query: "?start=true")
            let second = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["B"])), token: token, query: "?start=true")
            #expect(try await session.status(first, token: token) == .pending)
            #expect(try await session.status(second, token: token) == .pending)
            session.clock.advance(milliseconds: 111)
            #expect(try await session.status(first, token: token) == .finished)
            #expect(try await session.status(second, token: token) == .finished)
        }
    }

    @Test func startingTwiceAnswers400AndUnknownRunsAnswer404() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(LDIFSample.body(LDIFSample.items(["A"])), token: token)
            #expect(try await session.api(.POST, IntegrationPaths.run(id, .start), token: token).status == 200)
            let again = try await session.api(.POST, IntegrationPaths.run(id, .start), token: token)
            #expect(again.status == 400)
            #expect(again.errors.first?.contains("already started") == true)
            for action in RunAction.allCases {
                let method: HTTPMethod = [.start, .stop].contains(action) ? .POST : .GET
                let answer = try await session.api(method, IntegrationPaths.run("no-such-run", action), token: token)
                #expect(answer.status == 404, "\(action)")
            }
        }
    }

    @Test func stopOnlyWhilePendingOrRunningAndStoppedRunsDeliverNothing() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(LDIFSample.body(LDIFSample.items(["A"])), token: token)
            #expect(try await session.api(.POST, IntegrationPaths.run(id, .stop), token: token).status == 400)
            _ = try await session.api(.POST, IntegrationPaths.run(id, .start), token: token)
            #expect(try await session.api(.POST, IntegrationPaths.run(id, .stop), token: token).status == 200)
            #expect(try await session.status(id, token: token) == .stopped)
            #expect(try await session.api(.POST, IntegrationPaths.run(id, .stop), token: token).status == 400)
            session.finishRuns()
            #expect(try await session.status(id, token: token) == .stopped)
            #expect(try await session.state().delivered.isEmpty)
        }
    }

    @Test func listAndFastRuns() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A"]), description: "d1"), token: token)
            let fast = try await session.api(
                .POST, IntegrationPaths.fastSynchronizationRuns, token: token,
                body: LDIFSample.body([LDIFSample.Item(id: "F1", name: nil)], description: "fast"))
            #expect(fast.status == 200)
            let answer = try fast.decode(FastRunAnswer.self)
            #expect(answer.status == .finished)
            #expect(answer.warnings?.map(\.content) == ["F1"])
            #expect(answer.stats?.processedContentCount == 1)
            let outbound = try await session.api(
                .POST, IntegrationPaths.fastSynchronizationRuns, token: token,
                body: LDIFSample.body([], direction: "outbound"))
            #expect(outbound.status == 400)
            let list = try await session.api(.GET, IntegrationPaths.synchronizationRuns, token: token)
                .decode([RunStatus].self)
            #expect(list == [RunStatus(id: id, status: .created, description: "d1")])
        }
    }

    @Test func finishedOutboundRunGivesResults() async throws {
        try await EmulatorSession.with(Self.options()) { session in
            let token = try await session.accessToken()
            _ = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A1"])), token: token, query: "?start=true")
            let id = try await session.createRun(
                LDIFSample.body([], direction: "outbound"), token: token, query: "?start=true")
            #expect(try await session.api(.GET, IntegrationPaths.run(id, .results), token: token).status == 204)
            session.finishRuns()
            let results = try await session.api(.GET, IntegrationPaths.run(id, .results), token: token)
            #expect(results.status == 200)
            let object = try JSONSerialization.jsonObject(with: results.body) as? [String: Any]
            #expect((object?["content"] as? [[String: Any]])?.first?["id"] as? String == "A1")
        }
    }
}
