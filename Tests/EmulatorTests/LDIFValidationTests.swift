import Emulator
import Foundation
import IntegrationWire
import Testing

struct LDIFValidationTests {
    /// A header with one field changed (nil removes it) and these items.
    static func body(_ field: String? = nil, _ value: Any? = nil, content: Any? = nil, chunk: Any? = nil) -> Data {
        var header = LDIFSample.header()
        if let field { header[field] = value }
        header["content"] = content ?? [["type": "Application", "id": "A1", "data": ["name": "x"]]]
        if let chunk { header["chunkInformation"] = chunk }
        return LDIFSample.json(header)
    }

    static var item: [String: Any] { ["type": "Application", "id": "A1", "data": ["name": "x"]] }

    @Test(arguments: [
        (body("connectorType", nil), "connectorType is missing"),
        (body("connectorId", nil), "connectorId is missing"),
        (body("connectorVersion", nil), "connectorVersion is missing"),
        (body("lxVersion", nil), "lxVersion is missing"),
        (body("processingDirection", nil), "processingDirection is missing"),
        (body("connectorId", 12), "connectorId must be a string"),
        (body("connectorId", String(repeating: "x", count: 501)), "at most 500"),
        (body("processingDirection", "sideways"), "processingDirection must be"),
        (body("processingMode", "total"), "processingMode must be"),
        (body(content: [["id": "A1", "data": [:]] as [String: Any]]), "content[0]: type must be a string"),
        (body(content: [["type": "T", "id": 7, "data": [:]] as [String: Any]]), "content[0]: id must be a string"),
        (
            body(content: [["type": "T", "id": "A", "data": "x"] as [String: Any]]),
            "content[0]: data must be an object"
        ),
        (body(content: [["type": "T", "id": "A"] as [String: Any]]), "content[0]: data must be an object"),
        (body(content: [item, 5] as [Any]), "content[1]: an item must be an object"),
        (body(content: ["not": "a list"]), "content must be an array"),
        (body(chunk: "x"), "chunkInformation must be an object"),
        (body(chunk: ["firstDataObject": 0, "lastDataObject": 0]), "chunkInformation.maxDataObject"),
        (
            body(chunk: ["firstDataObject": 3, "lastDataObject": 1, "maxDataObject": 9]),
            "firstDataObject <= lastDataObject"
        ),
        (
            body(chunk: ["firstDataObject": -1, "lastDataObject": 0, "maxDataObject": 9]),
            "chunkInformation.firstDataObject"
        ),
        (
            body(chunk: ["firstDataObject": 0, "lastDataObject": 4, "maxDataObject": 9]),
            "does not cover the 1 content items"
        ),
        // Once `lastDataObject - firstDataObject + 1` overflowed and the whole emulator process died.
        (
            body(chunk: ["firstDataObject": 0, "lastDataObject": Int.max, "maxDataObject": Int.max]),
            "chunkInformation.lastDataObject must be a whole number from 0 to 2147483647"
        ),
        (
            body(chunk: ["firstDataObject": 0, "lastDataObject": 0, "maxDataObject": Int64(Int32.max) + 1]),
            "chunkInformation.maxDataObject must be a whole number from 0 to 2147483647"
        ),
        (
            Data(
                #"{"connectorType":"c","connectorId":"i","connectorVersion":"1","lxVersion":"1.0.0","processingDirection":"inbound","content":[],"chunkInformation":{"firstDataObject":0,"lastDataObject":99999999999999999999999,"maxDataObject":1e300}}"#
                    .utf8),
            "chunkInformation.lastDataObject must be a whole number"
        ),
        (Data("[1,2]".utf8), "must be a JSON object"),
        (Data("{\"connectorType\":".utf8), "not valid JSON"),
    ])
    func invalidLDIFAnswers400WithErrors(body: Data, expected: String) async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            let answer = try await session.api(.POST, IntegrationPaths.synchronizationRuns, token: token, body: body)
            #expect(answer.status == 400)
            #expect(answer.errors.contains { $0.contains(expected) }, "\(answer.errors)")
            #expect(try await session.state().runs.isEmpty)
        }
    }

    @Test func everyProblemIsListedInOneAnswer() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            var header = LDIFSample.header()
            header["connectorId"] = nil
            header["processingDirection"] = "up"
            header["content"] = [["type": 1, "id": "A", "data": [:]] as [String: Any]]
            let answer = try await session.api(
                .POST, IntegrationPaths.synchronizationRuns, token: token, body: LDIFSample.json(header))
            #expect(answer.errors.count == 3)
        }
    }

    @Test func validChunkAndNullOptionalsAreAccepted() async throws {
        try await EmulatorSession.with { session in
            let token = try await session.accessToken()
            var header = LDIFSample.header()
            header["chunkInformation"] = ["firstDataObject": 10, "lastDataObject": 10, "maxDataObject": 99]
            header["customFields"] = ["any": ["json": true]]
            header["lxWorkspace"] = NSNull()
            header["content"] = [Self.item]
            _ = try await session.createRun(LDIFSample.json(header), token: token)
            let run = try #require(try await session.state().runs.first)
            #expect(
                run.chunkInformation == ChunkInformation(firstDataObject: 10, lastDataObject: 10, maxDataObject: 99))
        }
    }

    @Test func foreignWorkspaceIsRefused() async throws {
        try await EmulatorSession.with(EmulatorOptions(apiToken: "t", workspaceId: "mine")) { session in
            let token = try await session.accessToken()
            let answer = try await session.api(
                .POST, IntegrationPaths.synchronizationRuns, token: token, body: Self.body("lxWorkspace", "theirs"))
            #expect(answer.status == 400)
            _ = try await session.createRun(Self.body("lxWorkspace", "mine"), token: token)
        }
    }
}
