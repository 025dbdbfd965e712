import Emulator
import Foundation
import IntegrationWire
import Testing

struct StateTests {
    @Test func stateCountsRequestsRunsAndArrivals() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            let chunk = ["firstDataObject": 0, "lastDataObject": 1, "maxDataObject": 2]
            let first = LDIFSample.body(LDIFSample.items(["A1", "A2"]), description: "chunk-1", chunk: chunk)
            _ = try await session.createRun(first, token: token, query: "?start=true")
            _ = try await session.createRun(first, token: token, query: "?start=true")
            _ = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A3"]), description: "chunk-2"), token: token,
                query: "?start=true&test=true")
            _ = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A4"]), description: "chunk-3"), token: token)
            session.finishRuns()
            let state = try await session.state()
            #expect(state.requestsServed == 5)
            #expect(state.tokensIssued == 1)
            #expect(state.runsPerDescription == ["chunk-1": 2, "chunk-2": 1, "chunk-3": 1])
            #expect(state.runs.map(\.status) == [.finished, .finished, .finished, .created])
            #expect(state.runs.map(\.test) == [false, false, true, false])
            #expect(state.runs.map(\.itemCount) == [2, 2, 1, 1])
            #expect(
                state.runs.first?.chunkInformation
                    == ChunkInformation(firstDataObject: 0, lastDataObject: 1, maxDataObject: 2))
            #expect(state.runs[3].startedAt == nil)
            #expect(state.delivered.map(\.count) == [2, 2])
            #expect(state.deliveries(type: "Application", id: "A1") == 2)
            #expect(state.deliveries(type: "Application", id: "A3") == 0)
            let inProcess = await session.emulator.store.state()
            #expect(inProcess.delivered == state.delivered)
        }
    }

    @Test func testFlagOnStartDeliversNothing() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            let id = try await session.createRun(LDIFSample.body(LDIFSample.items(["A1"])), token: token)
            #expect(
                try await session.api(.POST, IntegrationPaths.run(id, .start) + "?test=true", token: token).status
                    == 200)
            session.finishRuns()
            let state = try await session.state()
            #expect(state.runs.first?.test == true)
            #expect(state.delivered.isEmpty)
        }
    }

    @Test func testWithoutStartIsRefused() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            let answer = try await session.api(
                .POST, IntegrationPaths.synchronizationRuns + "?test=true", token: token, body: LDIFSample.body([]))
            #expect(answer.status == 400)
        }
    }
}
