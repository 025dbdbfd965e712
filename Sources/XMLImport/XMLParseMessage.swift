/// An error or warning that libxml2 reported, copied out of its C struct.
struct XMLParseMessage: Sendable, Equatable {
    enum Level: Int, Sendable {
        case warning = 1
        case error = 2
        case fatal = 3
    }

    var level: Level
    /// libxml2's error code (`XML_ERR_TAG_NAME_MISMATCH` is 76).
    var code: Int
    /// 1-based line in the document; 0 when libxml2 gave none.
    var line: Int
    /// 1-based column; 0 when libxml2 gave none.
    var column: Int
    /// libxml2's own message, without its trailing newline.
    var message: String
}

/// Collects what libxml2 reports through the reader's structured error handler.
///
/// libxml2 calls back synchronously from inside `xmlTextReaderRead`, so a plain
/// class is enough; it is owned by one reader and never shared across threads.
final class XMLErrorLog {
    /// At most this many messages are kept; a broken document can repeat one
    /// complaint thousands of times.
    static let capacity = 64

    private(set) var messages: [XMLParseMessage] = []
    private(set) var dropped = 0

    func add(_ message: XMLParseMessage) {
        if messages.count < Self.capacity {
            messages.append(message)
        } else {
            dropped += 1
        }
    }

    /// The message that stopped the parser: the last fatal one (libxml2 reports
    /// errors inside entity text first, with lines relative to the entity), or
    /// the last error.
    var stoppingError: XMLParseMessage? {
        messages.last { $0.level == .fatal } ?? messages.last { $0.level == .error }
    }
}
