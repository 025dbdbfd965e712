import Foundation
import IntegrationWire
import Testing

struct WireTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    @Test(arguments: [
        #"{"id":"r1","status":"PENDING","description":"d"}"#,
        #"[{"id":"r1","status":"PENDING","description":"d"}]"#,
    ])
    func createAnswerIsReadInBothShapes(json: String) throws {
        let answer = try Self.decode(CreateRunAnswer.self, json)
        #expect(answer.run == RunStatus(id: "r1", status: .pending, description: "d"))
    }

    @Test func unknownStatusesAndKeysAreKept() throws {
        let status = try Self.decode(RunStatus.self, #"{"id":"r","status":"ARCHIVING","extra":[1,2]}"#)
        #expect(status.status == .unknown("ARCHIVING"))
        #expect(status.status?.isTerminal == false)
        #expect(status.description == nil)
        #expect(RunState.known.filter(\.isTerminal) == [.finished, .stopped, .failed])
        #expect(RunState.known.allSatisfy { RunState(rawValue: $0.rawValue) == $0 })
    }

    @Test func oddFieldsDoNotSpoilAnAnswer() throws {
        let progress = try Self.decode(
            RunProgress.self,
            #"{"status":"IN_PROGRESS","processedContentCount":"12","errorCount":3.0,"runLevelIndex":{}}"#)
        #expect(progress.processedContentCount == 12)
        #expect(progress.errorCount == 3)
        #expect(progress.runLevelIndex == nil)
        let warning = try Self.decode(
            RunWarning.self, #"{"processor":{"name":"p","index":"2"},"content":"A1","status":"FATAL"}"#)
        #expect(warning.processor?.index == 2)
        #expect(warning.status == .unknown("FATAL"))
        let token = try Self.decode(TokenAnswer.self, #"{"access_token":"a.b.c","expires_in":3599.0}"#)
        #expect(token.expiresIn == 3599)
    }

    @Test func errorsAreReadAsStringsOrMessages() throws {
        let answer = try Self.decode(ErrorAnswer.self, #"{"errors":["plain",{"message":"nested"},7]}"#)
        #expect(answer.errors == ["plain", "nested", "(error without a message)"])
    }

    @Test func runPathsEncodeTheId() {
        #expect(
            IntegrationPaths.run("a/b c", .status)
                == "/services/integration-api/v1/synchronizationRuns/a%2Fb%20c/status")
        #expect(IntegrationPaths.run("3f2a-11", .warnings).hasSuffix("/synchronizationRuns/3f2a-11/warnings"))
    }
}
