/// The body of a refused call: `{"errors":["..."]}`.
///
/// An element that is an object rather than a string is read through its
/// `message` key, so an error body is never lost to a decoding failure.
public struct ErrorAnswer: Codable, Sendable, Hashable {
    public var errors: [String]

    public init(errors: [String]) {
        self.errors = errors
    }

    public init(_ error: String) {
        self.errors = [error]
    }

    enum CodingKeys: String, CodingKey { case errors }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        errors = try container.decode([ErrorText].self, forKey: .errors).map(\.text)
    }
}

/// One error message: a string, or an object holding `message`.
private struct ErrorText: Decodable {
    var text: String

    enum CodingKeys: String, CodingKey { case message }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.text = text
        } else if let container = try? decoder.container(keyedBy: CodingKeys.self),
            let message = container.lenient(String.self, .message)
        {
            text = message
        } else {
            text = "(error without a message)"
        }
    }
}
