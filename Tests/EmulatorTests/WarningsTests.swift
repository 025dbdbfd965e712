import Emulator
import Foundation
import IntegrationWire
import Testing

struct WarningsTests {
    /// A finished run with `count` items, every one of them refused.
    static func finishedRunWithWarnings(_ session: EmulatorSession, count: Int) async throws -> (String, String) {
        let token = try await session.accessToken()
        let items = (0..<count).map { LDIFSample.Item(id: String(format: "N%03d", $0), name: nil) }
        let id = try await session.createRun(LDIFSample.body(items), token: token, query: "?start=true")
        session.finishRuns()
        return (id, token)
    }

    @Test(arguments: [
        ("limit=0", 400), ("limit=101", 400), ("limit=x", 400), ("limit=10&offset=5", 400),
        ("limit=10&offset=-10", 400), ("offset=50", 400), ("limit=1&offset=7", 200), ("limit=100&offset=0", 200),
        ("offset=100", 200), ("", 200),
        // Numbers at and past the edge of Int: an empty page or a 400, never a crash.
        ("limit=100&offset=9223372036854775800", 200), ("offset=99999999999999999999", 400),
        ("limit=99999999999999999999", 400), ("limit=-9223372036854775808", 400),
    ])
    func pagingRules(query: String, status: Int) async throws {
        try await EmulatorSession.with { session in
            let (id, token) = try await Self.finishedRunWithWarnings(session, count: 3)
            let answer = try await session.api(.GET, IntegrationPaths.run(id, .warnings) + "?" + query, token: token)
            #expect(answer.status == status, "\(answer.errors)")
        }
    }

    @Test func pagesCoverEveryWarningOnce() async throws {
        try await EmulatorSession.with { session in
            let (id, token) = try await Self.finishedRunWithWarnings(session, count: 25)
            var seen: [String] = []
            for offset in stride(from: 0, through: 30, by: 10) {
                let page = try await session.api(
                    .GET, IntegrationPaths.run(id, .warnings) + "?limit=10&offset=\(offset)", token: token
                ).decode([RunWarning].self)
                #expect(page.count == [10, 10, 5, 0][offset / 10])
                seen += page.compactMap(\.content)
            }
            #expect(seen == (0..<25).map { String(format: "N%03d", $0) })
        }
    }

    @Test func rejectedIdsAndNamelessFactSheetsEndAsErrors() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.rejectIdPattern = "^BAD"
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            let items = [
                LDIFSample.Item(id: "A1"), LDIFSample.Item(id: "BAD-2"), LDIFSample.Item(id: "A3", name: nil),
                LDIFSample.Item(type: "relApplicationToITComponent", id: "R1", name: nil),
                LDIFSample.Item(type: "ApplicationRelation", id: "R2", name: nil),
            ]
            let id = try await session.createRun(LDIFSample.body(items), token: token, query: "?start=true")
            #expect(
                try await session.api(.GET, IntegrationPaths.run(id, .warnings), token: token)
                    .decode([RunWarning].self).isEmpty)
            session.finishRuns()
            #expect(try await session.status(id, token: token) == .finished)
            let warnings = try await session.api(.GET, IntegrationPaths.run(id, .warnings), token: token)
                .decode([RunWarning].self)
            #expect(warnings.map(\.content) == ["BAD-2", "A3"])
            #expect(warnings.allSatisfy { $0.status == .error && $0.processor?.name != nil })
            let progress = try await session.api(.GET, IntegrationPaths.run(id, .progress), token: token)
                .decode(RunProgress.self)
            #expect(progress.errorCount == 2)
            let state = try await session.state()
            #expect(state.delivered.map(\.id) == ["A1", "R2", "R1"])
            #expect(state.refused.map(\.id) == ["A3", "BAD-2"])
        }
    }

    @Test func poisonItemFailsTheRunAndNothingIsDelivered() async throws {
        var options = EmulatorOptions(apiToken: "t")
        options.failIdPattern = "POISON"
        try await EmulatorSession.with(options) { session in
            let token = try await session.accessToken()
            let poisoned = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["A1", "X-POISON-1", "A3"])), token: token, query: "?start=true")
            let healthy = try await session.createRun(
                LDIFSample.body(LDIFSample.items(["B1"])), token: token, query: "?start=true")
            session.finishRuns()
            #expect(try await session.status(poisoned, token: token) == .failed)
            #expect(try await session.status(healthy, token: token) == .finished)
            let warnings = try await session.api(.GET, IntegrationPaths.run(poisoned, .warnings), token: token)
                .decode([RunWarning].self)
            #expect(warnings.map(\.content) == ["X-POISON-1"])
            let state = try await session.state()
            #expect(state.delivered.map(\.id) == ["B1"])
            #expect(state.runs.first { $0.id == poisoned }?.status == .failed)
        }
    }
}
