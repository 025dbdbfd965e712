import LDIFCore

/// A strict RFC 8259 JSON parser that streams one file in blocks and hands
/// records to a sink as soon as each one ends.
///
/// The parser keeps an explicit stack (no recursion: deep nesting cannot
/// overflow the thread's stack), the keys of the open objects, and the
/// values of the record being read; nothing else of the document stays in
/// memory, so a 2 GB array needs no more than a 2 MB one.
struct JSONParser {
    var input: JSONInput
    let plan: JSONPlan
    let sink: any RecordSink
    var builder: JSONRecordBuilder
    var frames: [JSONFrame] = []
    /// The keys of the open objects, end to end (for matching and pointers).
    var keys: [UInt8] = []
    /// The keys seen so far in each open object whose text is gathered whole (`{{ . }}`), by frame index:
    /// its text goes into the LDIF as it is, so a key twice would reach LeanIX twice.
    var gatheredKeys: [Int: Set<[UInt8]>] = [:]
    /// Trie nodes of the values inside the record (see ``JSONRole``).
    var nodes: [Int32] = []
    /// The frame index of the record's object or array; -1 when none is open.
    var recordFrame = -1
    var inRecord = false
    var recordCount = 0
    /// Whether the records' container was found.
    var containerSeen = false
    /// The last token was a comma (for the trailing-comma hint).
    var afterComma = false
    /// jsonl: a record ended and waits for the end of its line.
    var lineRecordReady = false
    /// The current key passed the size limit and was cut.
    var keyCut = false
    let linesMode: Bool

    init(file: JSONFile, plan: JSONPlan, sink: any RecordSink) {
        input = JSONInput(file: file)
        self.plan = plan
        self.sink = sink
        builder = JSONRecordBuilder(
            file: plan.file, fields: plan.fields, listSlots: plan.listSlots, fieldLimit: plan.fieldLimit,
            recordLimit: plan.recordLimit)
        linesMode = plan.selector.mode == .lines
        frames.reserveCapacity(64)
        nodes.reserveCapacity(64)
    }

    /// Parses one value (the document, or one line of jsonl) that has `topRole`.
    mutating func parseValue(_ topRole: JSONRole) throws(JSONStop) {
        var role = topRole
        afterComma = false
        value: while true {
            guard let c = try skipWhitespace() else { throw expected("a value") }
            switch c {
            case UInt8(ascii: "{"):
                try openContainer(isObject: true, role: role)
                guard let next = try skipWhitespace() else { throw expected("a key in double quotes or '}'") }
                if next != UInt8(ascii: "}") {
                    role = try member()
                    continue value
                }
                closeContainer()
            case UInt8(ascii: "["):
                try openContainer(isObject: false, role: role)
                guard let next = try skipWhitespace() else { throw expected("a value or ']'") }
                if next != UInt8(ascii: "]") {
                    role = element()
                    continue value
                }
                closeContainer()
            default:
                try scalar(c, role: role)
            }
            afterComma = false
            // After a value: a comma and the next one, or the end of the containers around it.
            while let top = frames.last {
                guard let c = try skipWhitespace() else {
                    throw expected(
                        top.isObject ? "',' or '}' after an object member" : "',' or ']' after an array element")
                }
                if c == UInt8(ascii: ",") {
                    input.position += 1
                    if builder.isCollectingJSON { builder.appendRaw(byte: c) }
                    afterComma = true
                    role = top.isObject ? try member() : element()
                    continue value
                }
                guard c == (top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else {
                    throw expected(
                        top.isObject ? "',' or '}' after an object member" : "',' or ']' after an array element")
                }
                closeContainer()
            }
            return
        }
    }

    /// Skips whitespace; the next byte, or nil at the end of the file.
    ///
    /// Line breaks are counted here: JSON allows them nowhere else. In jsonl
    /// a line break ends the record, so it is returned, not skipped.
    @inline(__always)
    mutating func skipWhitespace() throws(JSONStop) -> UInt8? {
        while true {
            let base = input.base
            let end = input.end
            var position = input.position
            while position < end {
                let c = base[position]
                if c > 0x20 {
                    input.position = position
                    return c
                }
                switch c {
                case 0x20, 0x09, 0x0D:
                    position += 1
                case 0x0A:
                    input.position = position
                    if linesMode { return c }
                    input.newLine()
                    position += 1
                default:
                    input.position = position
                    return c
                }
            }
            input.position = position
            guard try input.refill() else { return nil }
        }
    }

    private mutating func openContainer(isObject: Bool, role: JSONRole) throws(JSONStop) {
        guard frames.count < JSONPlan.maxDepth else {
            throw syntaxError("objects and arrays nest deeper than \(JSONPlan.maxDepth) levels here")
        }
        var role = role
        if role.kind == .record {
            role = beginRecord()
            recordFrame = frames.count
        }
        var kind = role.kind
        if kind == .container { kind = containerKind(isObject: isObject) }
        if kind == .field && builder.isCollecting {
            for index in role.nodeStart..<(role.nodeStart + role.nodeCount) {
                for slot in plan.trie.nodes[Int(nodes[index])].slots {
                    builder.openCollector(slot: slot, depth: frames.count)
                }
            }
        }
        input.position += 1
        if builder.isCollectingJSON { builder.appendRaw(byte: isObject ? UInt8(ascii: "{") : UInt8(ascii: "[")) }
        frames.append(
            JSONFrame(
                isObject: isObject, kind: kind, keyStart: keys.count, keyEnd: keys.count,
                nodeStart: role.nodeStart, nodeCount: role.nodeCount))
    }

    private mutating func closeContainer() {
        input.position += 1
        let frame = frames.removeLast()
        if !gatheredKeys.isEmpty { gatheredKeys[frames.count] = nil }
        if builder.isCollectingJSON { builder.appendRaw(byte: frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) }
        if frame.kind == .field {
            builder.closeCollectors(depth: frames.count)
            nodes.truncate(to: frame.nodeStart)
        }
        keys.truncate(to: frame.keyStart)
        if frames.count == recordFrame { finishRecord() }
    }

    /// A string, number, `true`, `false` or `null` starting with `c`.
    private mutating func scalar(_ c: UInt8, role: JSONRole) throws(JSONStop) {
        var role = role
        let isRecord = role.kind == .record
        if isRecord {
            role = beginRecord()
        } else if role.kind == .container {
            _ = containerKind(isObject: nil)
        }
        let slot = role.kind == .field && builder.isCollecting ? firstSlot(of: role) : -1
        let wantsValue = slot >= 0
        let raw = builder.isCollectingJSON
        if wantsValue { builder.startValue(slot: slot) }
        let kind: FieldValue.Kind
        switch c {
        case UInt8(ascii: "\""):
            try scanString(into: wantsValue ? .value : .none, raw: raw)
            kind = .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber(value: wantsValue, raw: raw)
            kind = .number
        default:
            kind = try scanLiteral(c, value: wantsValue, raw: raw)
        }
        if wantsValue {
            for index in role.nodeStart..<(role.nodeStart + role.nodeCount) {
                for slot in plan.trie.nodes[Int(nodes[index])].slots {
                    builder.addValue(slot: slot, kind: kind)
                }
            }
        }
        if role.kind == .field { nodes.truncate(to: role.nodeStart) }
        if isRecord { finishRecord() }
    }

    /// The first slot answered at the nodes of `role`, or -1.
    @inline(__always)
    private func firstSlot(of role: JSONRole) -> Int32 {
        for index in role.nodeStart..<(role.nodeStart + role.nodeCount) {
            if let slot = plan.trie.nodes[Int(nodes[index])].slots.first { return slot }
        }
        return -1
    }
}
