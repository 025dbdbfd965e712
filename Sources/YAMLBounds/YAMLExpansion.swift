import CYaml

/// Bounds what a mapping's YAML stands for once its aliases are expanded, before anything expands them.
///
/// Yams resolves an alias (`*name`) to the node its anchor (`&name`) marks, so the tree
/// it composes can be far larger than the text: nine anchors of nine aliases each (a
/// "billion laughs") fit in 600 bytes and stand for 387 million nodes, and even composing
/// them stalls (an alias used as a mapping key is hashed whole). So the text is read first
/// as a stream of libyaml events, and each anchored node's expanded size is added up from
/// its events, an alias counting as the size of its anchor: linear in the text, whatever
/// the aliases. Without aliases a node needs at least one character of text, so the bound
/// is a multiple of the file's size: room for ordinary reuse of anchored blocks, none for
/// exponential growth.
///
/// A target of its own, so that libyaml's C types stay out of the core.
public enum YAMLExpansion {
    /// The most nodes a mapping may expand to: this many per byte of YAML text, plus ``baseNodes``.
    public static let nodesPerByte = 8
    public static let baseNodes = 10_000

    /// The bound for a mapping of `bytes` bytes.
    public static func limit(forBytes bytes: Int) -> Int {
        let (product, overflow) = bytes.multipliedReportingOverflow(by: nodesPerByte)
        return overflow ? Int.max : product + baseNodes
    }

    /// The line at which the expanded size passed `limit`, or nil when it stays within it (or the
    /// text is not valid YAML: composing it reports that).
    public static func overflow(of yaml: String, limit: Int) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(yaml.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var counter = Counter(limit: limit)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if !counter.add(event) { return Int(event.start_mark.line) + 1 }
            }
            return nil
        }
    }

    /// Expanded sizes of open collections and of anchored nodes, as the events come.
    private struct Counter {
        let limit: Int
        /// Per open collection: its anchor and its size so far (itself included).
        var open: [(anchor: String?, size: Int)] = []
        var anchored: [String: Int] = [:]
        var total = 0

        /// Takes one event; false once the expansion passes the limit.
        mutating func add(_ event: yaml_event_t) -> Bool {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return node(size: 1, anchor: Self.text(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                return node(size: Self.text(event.data.alias.anchor).flatMap { anchored[$0] } ?? 1, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                open.append((Self.text(event.data.sequence_start.anchor), 1))
            case YAML_MAPPING_START_EVENT:
                open.append((Self.text(event.data.mapping_start.anchor), 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return true }
                return node(size: closed.size, anchor: closed.anchor)
            default:
                break
            }
            return true
        }

        private mutating func node(size: Int, anchor: String?) -> Bool {
            if let anchor { anchored[anchor] = size }
            if open.isEmpty {
                total = total > limit - size ? limit + 1 : total + size
            } else {
                let last = open.count - 1
                open[last].size = open[last].size > limit - size ? limit + 1 : open[last].size + size
                total = max(total, open[last].size)
            }
            return total <= limit
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        }
    }
}
