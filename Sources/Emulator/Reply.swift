import Foundation
import IntegrationWire

/// An answer before it becomes an HTTP response: what the store decides,
/// free of any server type so that the store stays plain Swift.
struct Reply: Sendable {
    var status: Int
    var body: Data?
    var headers: [(name: String, value: String)] = []

    /// A JSON answer.
    static func json(_ value: some Encodable, status: Int = 200) -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return Reply(status: status, body: try encoder.encode(value))
        } catch {
            return .errors(500, ["the emulator could not encode its answer: \(error)"])
        }
    }

    /// `{"errors":[...]}` with a status.
    static func errors(_ status: Int, _ messages: [String]) -> Reply {
        json(ErrorAnswer(errors: messages), status: status)
    }

    /// A status without a body.
    static func empty(_ status: Int) -> Reply {
        Reply(status: status, body: nil)
    }

    static func notFound(run id: String) -> Reply {
        errors(404, ["No synchronization run with id \(id) exists"])
    }
}
