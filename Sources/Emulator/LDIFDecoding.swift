import IntegrationWire

/// A name for any JSON key.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Decodes an LDIF and collects every problem instead of stopping at the
/// first, so that one 400 answer lists all that is wrong. Values under
/// `data` other than `name` are skipped, never built.
struct LDIFDecoding: Decodable {
    var submission = LDIFSubmission()
    var problems: [String] = []

    static let maximumHeaderLength = 500

    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: AnyKey.self)
        submission.connectorType = requiredString(root, "connectorType")
        submission.connectorId = requiredString(root, "connectorId")
        submission.connectorVersion = requiredString(root, "connectorVersion")
        submission.lxVersion = requiredString(root, "lxVersion")
        submission.processingDirection = requiredString(root, "processingDirection")
        if !submission.processingDirection.isEmpty, !["inbound", "outbound"].contains(submission.processingDirection) {
            problems.append(
                "processingDirection must be \"inbound\" or \"outbound\", not \"\(submission.processingDirection)\"")
        }
        if let mode = optionalString(root, "processingMode") {
            if ["partial", "full"].contains(mode) {
                submission.processingMode = mode
            } else {
                problems.append("processingMode must be \"partial\" or \"full\", not \"\(mode)\"")
            }
        }
        submission.lxWorkspace = optionalString(root, "lxWorkspace")
        submission.description = optionalString(root, "description")
        if root.contains(AnyKey("customFields")), (try? root.decodeNil(forKey: AnyKey("customFields"))) != true,
            (try? root.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("customFields"))) == nil
        {
            problems.append("customFields must be an object")
        }
        decodeChunkInformation(root)
        try decodeContent(root)
    }

    private mutating func requiredString(_ root: KeyedDecodingContainer<AnyKey>, _ name: String) -> String {
        guard root.contains(AnyKey(name)), (try? root.decodeNil(forKey: AnyKey(name))) != true else {
            problems.append("\(name) is missing: it is a required header field")
            return ""
        }
        guard let value = optionalString(root, name) else { return "" }
        if value.isEmpty { problems.append("\(name) must not be empty") }
        return value
    }

    private mutating func optionalString(_ root: KeyedDecodingContainer<AnyKey>, _ name: String) -> String? {
        let key = AnyKey(name)
        guard root.contains(key), (try? root.decodeNil(forKey: key)) != true else { return nil }
        guard let value = try? root.decode(String.self, forKey: key) else {
            problems.append("\(name) must be a string")
            return nil
        }
        if value.count > Self.maximumHeaderLength {
            problems.append(
                "\(name) is \(value.count) characters long; at most \(Self.maximumHeaderLength) are allowed")
        }
        return value
    }

    /// The largest index `chunkInformation` may give.
    static let maximumDataObject = Int(Int32.max)

    private mutating func decodeChunkInformation(_ root: KeyedDecodingContainer<AnyKey>) {
        let key = AnyKey("chunkInformation")
        guard root.contains(key), (try? root.decodeNil(forKey: key)) != true else { return }
        guard let chunk = try? root.nestedContainer(keyedBy: AnyKey.self, forKey: key) else {
            problems.append("chunkInformation must be an object with firstDataObject, lastDataObject, maxDataObject")
            return
        }
        var values: [Int] = []
        for name in ["firstDataObject", "lastDataObject", "maxDataObject"] {
            // Bounded so that no arithmetic on them can overflow (the service takes 32-bit indexes).
            guard let value = try? chunk.decode(Int.self, forKey: AnyKey(name)),
                (0...Self.maximumDataObject).contains(value)
            else {
                problems.append("chunkInformation.\(name) must be a whole number from 0 to \(Self.maximumDataObject)")
                continue
            }
            values.append(value)
        }
        guard values.count == 3 else { return }
        if values[0] > values[1] || values[1] > values[2] {
            problems.append(
                "chunkInformation must have firstDataObject <= lastDataObject <= maxDataObject, "
                    + "not \(values[0]), \(values[1]), \(values[2])")
            return
        }
        submission.chunkInformation = ChunkInformation(
            firstDataObject: values[0], lastDataObject: values[1], maxDataObject: values[2])
    }

    private mutating func decodeContent(_ root: KeyedDecodingContainer<AnyKey>) throws {
        let key = AnyKey("content")
        guard root.contains(key), (try? root.decodeNil(forKey: key)) != true else { return }
        guard var content = try? root.nestedUnkeyedContainer(forKey: key) else {
            problems.append("content must be an array of items")
            return
        }
        var index = 0
        while !content.isAtEnd {
            let item = try content.decode(ContentItemDecoding.self)
            for problem in item.problems { problems.append("content[\(index)]: \(problem)") }
            if item.problems.isEmpty, let type = item.type, let id = item.id {
                submission.items.append(LDIFSubmission.Item(type: type, id: id, name: item.name))
            }
            index += 1
        }
    }
}

/// One content item; never throws, so a bad item becomes a problem and the
/// decoder moves on to the next.
struct ContentItemDecoding: Decodable {
    var type: String?
    var id: String?
    var name: String?
    var problems: [String] = []

    init(from decoder: any Decoder) throws {
        guard let item = try? decoder.container(keyedBy: AnyKey.self) else {
            problems.append("an item must be an object with type, id and data")
            return
        }
        type = string(item, "type")
        id = string(item, "id")
        guard item.contains(AnyKey("data")),
            let data = try? item.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("data"))
        else {
            problems.append("data must be an object" + (id.map { " (item id \"\($0)\")" } ?? ""))
            return
        }
        if let name = try? data.decode(String.self, forKey: AnyKey("name")), !name.isEmpty {
            self.name = name
        }
    }

    private mutating func string(_ item: KeyedDecodingContainer<AnyKey>, _ name: String) -> String? {
        guard let value = try? item.decode(String.self, forKey: AnyKey(name)) else {
            problems.append("\(name) must be a string")
            return nil
        }
        if value.isEmpty {
            problems.append("\(name) must not be empty")
            return nil
        }
        return value
    }
}
