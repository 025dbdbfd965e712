/// The bytes around an LDIF's `content`: the header before, the closing after.
public struct LDIFFormat: Sendable {
    public var pretty: Bool

    public init(pretty: Bool) {
        self.pretty = pretty
    }

    /// `chunkInformation` of one chunk.
    public struct ChunkInformation: Sendable, Equatable {
        public var firstDataObject: Int
        public var lastDataObject: Int
        public var maxDataObject: Int
    }

    /// Everything up to and including `"content":[`, header keys in a fixed order.
    public func head(_ header: LDIFHeader, description: String?, chunk: ChunkInformation?) -> [UInt8] {
        var object: [UInt8] = [UInt8(ascii: "{")]
        func field(_ key: String, _ value: String?) {
            guard let value else { return }
            if object.count > 1 { object.append(UInt8(ascii: ",")) }
            object.append(contentsOf: JSONBytes.keyBytes(key))
            JSONBytes.appendString(value, to: &object)
        }
        field("connectorType", header.connectorType)
        field("connectorId", header.connectorId)
        field("connectorVersion", header.connectorVersion)
        field("lxVersion", header.lxVersion)
        field("lxWorkspace", header.lxWorkspace)
        field("description", description)
        field("processingDirection", header.processingDirection)
        field("processingMode", header.processingMode)
        if let custom = header.customFields {
            object.append(contentsOf: #","customFields":"#.utf8)
            object.append(contentsOf: custom.utf8)
        }
        if let chunk {
            object.append(
                contentsOf:
                    #","chunkInformation":{"firstDataObject":\#(chunk.firstDataObject),"lastDataObject":\#(chunk.lastDataObject),"maxDataObject":\#(chunk.maxDataObject)}"#
                    .utf8)
        }
        object.append(contentsOf: #","content":["#.utf8)
        guard pretty else { return object }
        var out: [UInt8] = []
        PrettyJSON.reindent(object, level: 0, to: &out)
        return out
    }

    /// The start of a chunk file: the header's fixed keys, up to and including `"content":[`.
    /// The keys that carry totals known only at the end (`description` with its key,
    /// `chunkInformation`) come after the content, in ``chunkTail(description:chunk:empty:)``,
    /// so that a chunk is written and hashed in one pass.
    public func chunkHead(_ header: LDIFHeader) -> [UInt8] {
        head(header, description: nil, chunk: nil)
    }

    /// The end of a chunk file: the content's closing bracket, `description`, `chunkInformation`, `}`.
    public func chunkTail(description: String, chunk: ChunkInformation?, empty: Bool) -> [UInt8] {
        var object: [UInt8] = Array(#"{"description":"#.utf8)
        JSONBytes.appendString(description, to: &object)
        if let chunk {
            object.append(
                contentsOf:
                    #","chunkInformation":{"firstDataObject":\#(chunk.firstDataObject),"lastDataObject":\#(chunk.lastDataObject),"maxDataObject":\#(chunk.maxDataObject)}"#
                    .utf8)
        }
        object.append(UInt8(ascii: "}"))
        guard pretty else { return Array("],".utf8) + object.dropFirst() + [UInt8(ascii: "\n")] }
        var out: [UInt8] = Array((empty ? "]," : "\n  ],").utf8)
        var fields: [UInt8] = []
        PrettyJSON.reindent(object, level: 0, to: &fields)
        out.append(contentsOf: fields.dropFirst())
        out.append(UInt8(ascii: "\n"))
        return out
    }

    /// Between two items.
    public var separator: [UInt8] { pretty ? Array(",\n    ".utf8) : [UInt8(ascii: ",")] }

    /// Before the first item.
    public var firstItemPrefix: [UInt8] { pretty ? Array("\n    ".utf8) : [] }

    /// After the last item; `empty` when the content has no item.
    public func tail(empty: Bool) -> [UInt8] {
        guard pretty else { return Array("]}\n".utf8) }
        return Array((empty ? "]\n}\n" : "\n  ]\n}\n").utf8)
    }

    /// Appends one compact item as it goes into the file.
    public func appendItem(_ json: some Collection<UInt8>, to out: inout [UInt8]) {
        if pretty { PrettyJSON.reindent(json, level: 2, to: &out) } else { out.append(contentsOf: json) }
    }
}
