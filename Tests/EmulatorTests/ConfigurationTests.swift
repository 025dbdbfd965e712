import Emulator
import Foundation
import IntegrationWire
import Testing

struct ConfigurationTests {
    static func configuration(_ connectorId: String, sequential: Bool = false) -> Data {
        LDIFSample.json(
            [
                "connectorType": "ldifbulk", "connectorId": connectorId, "connectorVersion": "1.0.0",
                "processingDirection": "inbound", "sequentialExecution": sequential,
                "processors": [["processorType": "inboundFactSheet"]],
            ] as [String: Any])
    }

    @Test func runsMustMatchAConfigurationOnceAnyExists() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            let path = IntegrationPaths.configurations
            _ = try await session.createRun(LDIFSample.body([], connectorId: "anything"), token: token)
            #expect(try await session.api(.PUT, path, token: token, body: Self.configuration("cmdb")).status == 204)
            #expect(try await session.api(.PUT, path, token: token, body: Data("{}".utf8)).status == 400)
            let refused = try await session.api(
                .POST, IntegrationPaths.synchronizationRuns, token: token,
                body: LDIFSample.body([], connectorId: "other"))
            #expect(refused.status == 400)
            #expect(refused.errors.first?.contains("No processor configuration") == true)
            _ = try await session.createRun(LDIFSample.body([], connectorId: "cmdb"), token: token)
            let listed = try await session.api(.GET, path + "?connectorId=cmdb", token: token)
            let objects = try JSONSerialization.jsonObject(with: listed.body) as? [[String: Any]]
            #expect(objects?.count == 1)
            #expect(objects?.first?["processors"] != nil)
            let query = "?connectorType=ldifbulk&connectorId=cmdb&connectorVersion=1.0.0&processingDirection=inbound"
            #expect(try await session.api(.DELETE, path + "?connectorId=cmdb", token: token).status == 400)
            #expect(try await session.api(.DELETE, path + query, token: token).status == 200)
            #expect(try await session.api(.DELETE, path + query, token: token).status == 404)
            _ = try await session.createRun(LDIFSample.body([], connectorId: "other"), token: token)
        }
    }

    @Test func sequentialConfigurationQueuesRuns() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            _ = try await session.api(
                .PUT, IntegrationPaths.configurations, token: token, body: Self.configuration("seq", sequential: true))
            let body = LDIFSample.body(LDIFSample.items(["A"]), connectorId: "seq")
            let first = try await session.createRun(body, token: token, query: "?start=true")
            let second = try await session.createRun(body, token: token, query: "?start=true")
            #expect(try await session.status(first, token: token) == .pending)
            #expect(try await session.status(second, token: token) == .sequentialized)
            session.clock.advance(milliseconds: 202)
            #expect(try await session.status(first, token: token) == .finished)
            #expect(try await session.status(second, token: token) == .pending)
            session.finishRuns()
            #expect(try await session.status(second, token: token) == .finished)
        }
    }
}
