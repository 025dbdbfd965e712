import LDIFCore

/// Keys, elements, and where the records are: what each value is, before it is read.
extension JSONParser {
    /// Reads a member's key and colon; the role of its value.
    mutating func member() throws(JSONStop) -> JSONRole {
        guard let c = try skipWhitespace() else { throw expected("a key in double quotes") }
        guard c == UInt8(ascii: "\"") else {
            let hint =
                afterComma && c == UInt8(ascii: "}") ? " (a comma after the last member is not allowed in JSON)" : ""
            throw expected("a key in double quotes", hint: hint)
        }
        let index = frames.count - 1
        frames[index].count += 1
        keys.truncate(to: frames[index].keyStart)
        // While the key is read, the frame names no key (a message about the key names its object).
        frames[index].keyEnd = frames[index].keyStart
        keyCut = false
        try scanString(into: .key, raw: builder.isCollectingJSON)
        frames[index].keyEnd = keys.count
        if builder.isCollectingJSON, inRecord { checkGatheredKey(frame: index) }
        if keyCut && inRecord {
            builder.fail(
                JSONRecordBuilder.Problem(
                    code: "field-too-long",
                    message:
                        "a key at \(currentPointer()) is longer than \(plan.fieldLimit) bytes; the record was skipped",
                    pointer: currentPointer()))
        }
        guard let colon = try skipWhitespace() else { throw expected("':' after the key") }
        guard colon == UInt8(ascii: ":") else { throw expected("':' after the key") }
        input.position += 1
        if builder.isCollectingJSON { builder.appendRaw(byte: colon) }
        afterComma = false
        return childRole(of: index, arrayIndex: -1)
    }

    /// Rejects the record when an object whose text goes into the LDIF whole holds the same key twice.
    private mutating func checkGatheredKey(frame index: Int) {
        let key = Array(keys[frames[index].keyStart..<frames[index].keyEnd])
        guard gatheredKeys[index, default: []].insert(key).inserted else {
            let name = Finding.excerpt(String(decoding: key, as: UTF8.self))
            builder.fail(
                JSONRecordBuilder.Problem(
                    code: "duplicate-key",
                    message: "the key '\(name)' comes twice in the object at \(currentPointer()), whose text would go "
                        + "into the LDIF as it is (JSON keys should be unique); the record was skipped",
                    pointer: currentPointer()))
            return
        }
    }

    /// Starts the next element of the current array; its role.
    mutating func element() -> JSONRole {
        let index = frames.count - 1
        frames[index].count += 1
        return childRole(of: index, arrayIndex: frames[index].count - 1)
    }

    /// The role of the current member (`arrayIndex` -1) or element of frame `frameIndex`.
    private mutating func childRole(of frameIndex: Int, arrayIndex: Int) -> JSONRole {
        let frame = frames[frameIndex]
        switch frame.kind {
        case .skip, .record:
            return .skip
        case .container:
            return JSONRole(kind: .record)
        case .path:
            guard case .key(let key, let stepIndex) = plan.selector.steps[frameIndex] else { return .skip }
            let matches =
                arrayIndex >= 0 ? stepIndex == arrayIndex : keys[frame.keyStart..<frame.keyEnd].elementsEqual(key)
            guard matches else { return .skip }
            return JSONRole(kind: frameIndex + 1 == plan.selector.containerDepth ? .container : .path)
        case .field:
            let start = nodes.count
            guard frame.nodeCount > 0 else { return JSONRole(kind: .field, nodeStart: start, nodeCount: 0) }
            var pool: [Int32] = []
            swap(&pool, &nodes)
            let trie = plan.trie
            if arrayIndex >= 0 {
                for index in frame.nodeStart..<(frame.nodeStart + frame.nodeCount) {
                    trie.follow(pool[index], index: arrayIndex, into: &pool)
                }
            } else {
                keys.withUnsafeBufferPointer { all in
                    let key = UnsafeBufferPointer(rebasing: all[frame.keyStart..<frame.keyEnd])
                    for index in frame.nodeStart..<(frame.nodeStart + frame.nodeCount) {
                        trie.follow(pool[index], key: key, into: &pool)
                    }
                }
            }
            swap(&pool, &nodes)
            return JSONRole(kind: .field, nodeStart: start, nodeCount: nodes.count - start)
        }
    }

    /// What the records' container really is; reports a container of the wrong type.
    ///
    /// - Parameter isObject: nil for a scalar.
    mutating func containerKind(isObject: Bool?) -> JSONRole.Kind {
        containerSeen = true
        let mode = plan.selector.mode
        if isObject == false || (isObject == true && mode == .members) { return .container }
        let found = isObject == true ? "an object" : "a single value"
        let hint =
            isObject == true
            ? "; write \(plan.selector.text)/* to take the values of its members as records"
            : "; the records path must point to an array (or an object, with /* at the end)"
        sink.report(
            Finding(
                .error, .parse, code: "records-path-type",
                message: "the records path \(plan.selector.text) points to \(found), not an array\(hint)",
                location: SourceLocation(
                    file: plan.file, line: input.line, column: input.column, pointer: plan.selector.containerPointer)))
        return .skip
    }

    /// Starts a record at the current value; the value's role inside it.
    mutating func beginRecord() -> JSONRole {
        recordCount += 1
        var pointer: String?
        var key: String?
        if let container = frames.last {
            let prefix = plan.selector.mode == .automatic ? "" : plan.selector.containerPointer
            if container.isObject {
                let name = String(decoding: keys[container.keyStart..<container.keyEnd], as: UTF8.self)
                key = name
                pointer = prefix + "/" + JSONPointer.escape(name)
            } else {
                pointer = prefix + "/" + String(container.count - 1)
            }
        }
        builder.begin(
            SourceLocation(file: plan.file, line: input.line, record: recordCount, pointer: pointer), key: key)
        inRecord = true
        let start = nodes.count
        nodes.append(0)
        return JSONRole(kind: .field, nodeStart: start, nodeCount: 1)
    }

    /// The record's value ended: hands it to the sink, or rejects it (in
    /// jsonl, once the rest of its line is known to be blank).
    mutating func finishRecord() {
        inRecord = false
        recordFrame = -1
        builder.finish()
        if linesMode {
            lineRecordReady = true
        } else {
            handRecord()
        }
    }

    /// Hands the finished record to the sink, or rejects it.
    mutating func handRecord() {
        lineRecordReady = false
        guard let problem = builder.problem else {
            if let (field, count) = builder.repeatedField() {
                sink.report(
                    Finding(
                        .warning, .parse, code: "duplicate-key",
                        message: "'\(field)' matches \(count) values: an object of this record holds the same key "
                            + "\(count) times (JSON keys should be unique); all of them are kept, as a list",
                        location: builder.record.location, field: field))
            }
            sink.accept(builder.record)
            return
        }
        var location = builder.record.location
        if let pointer = problem.pointer { location.pointer = pointer }
        sink.reject(
            Finding(
                .error, .parse, code: problem.code, message: problem.message, location: location, field: problem.field))
    }

    /// The JSON Pointer of the value being read (`/components/17/name`).
    func currentPointer() -> String {
        var pointer = ""
        for frame in frames {
            pointer += "/"
            if frame.isObject {
                let end = min(frame.keyEnd, keys.count)
                let key = keys[min(frame.keyStart, end)..<end]
                pointer += JSONPointer.escape(String(decoding: key, as: UTF8.self))
            } else {
                pointer += String(max(frame.count - 1, 0))
            }
        }
        return pointer
    }
}
