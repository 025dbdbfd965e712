import LDIFCore

/// The two shapes of input: one JSON document, or one document per line (jsonl).
extension JSONParser {
    /// Reads the whole input, handing records to the sink.
    ///
    /// - Throws: ``ConversionError`` when the file cannot be read. Syntax
    ///   errors are findings.
    mutating func run() throws(ConversionError) {
        do throws(JSONStop) {
            try skipByteOrderMark()
        } catch {
            if case .io(let failure) = error { throw failure }
        }
        if linesMode {
            try runLines()
        } else {
            try runDocument()
        }
    }

    private mutating func skipByteOrderMark() throws(JSONStop) {
        guard try input.ensure(3) else { return }
        let bytes = input.base
        if bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            input.position = 3
            input.lineStart = 3
        }
    }

    private mutating func runDocument() throws(ConversionError) {
        do throws(JSONStop) {
            guard let first = try skipWhitespace() else { throw expected("a JSON value") }
            let selector = plan.selector
            let role: JSONRole
            switch selector.mode {
            case .automatic: role = JSONRole(kind: first == UInt8(ascii: "[") ? .container : .record)
            default: role = JSONRole(kind: selector.containerDepth == 0 ? .container : .path)
            }
            try parseValue(role)
            if let extra = try skipWhitespace() {
                let hint = valueHint(extra)
                throw expected(
                    "the end of the document",
                    hint: hint.isEmpty
                        ? " (a JSON document holds one value; for one record per line use the jsonl format)" : hint)
            }
        } catch {
            switch error {
            case .io(let failure): throw failure
            case .syntax(let syntax): reportMalformed(syntax)
            }
            return
        }
        if !containerSeen && selector.mode != .automatic {
            sink.report(
                Finding(
                    .warning, .parse, code: "no-records",
                    message:
                        "nothing in the document is at the records path \(plan.selector.text); check source.records",
                    location: SourceLocation(file: plan.file, line: 0)))
        }
    }

    private var selector: JSONRecordSelector { plan.selector }

    private func reportMalformed(_ error: JSONSyntaxError) {
        let read = inRecord ? recordCount - 1 : recordCount
        var message =
            "\(error.message): the file is not valid JSON, so reading stopped here"
            + " (\(read == 1 ? "1 record before it was" : "\(read) records before it were") read"
        if inRecord {
            message += "; record \(recordCount)"
            if let pointer = builder.record.location.pointer { message += " at \(pointer)" }
            message += ", which the error is in, was not"
        }
        sink.report(
            Finding(
                .error, .parse, code: "malformed-json", message: message + "); fix the file and convert again",
                location: SourceLocation(
                    file: plan.file, line: error.line, record: inRecord ? recordCount : 0, column: error.column,
                    pointer: inRecord ? builder.record.location.pointer : nil)))
    }

    /// jsonl: every non-blank line is a record; a line that is not JSON is rejected and the next one read.
    private mutating func runLines() throws(ConversionError) {
        while true {
            do throws(JSONStop) {
                guard try skipBlankLines() else { return }
                try parseValue(JSONRole(kind: .record))
                try expectLineEnd()
                handRecord()
            } catch {
                switch error {
                case .io(let failure): throw failure
                case .syntax(let syntax): try rejectLine(syntax)
                }
            }
        }
    }

    /// Skips whitespace and empty lines; false at the end of the file.
    private mutating func skipBlankLines() throws(JSONStop) -> Bool {
        while let c = try skipWhitespace() {
            guard c == 0x0A else { return true }
            input.newLine()
            input.position += 1
        }
        return false
    }

    private mutating func expectLineEnd() throws(JSONStop) {
        guard let c = try skipWhitespace() else { return }
        guard c == 0x0A else {
            throw expected("the end of the line after the record", hint: " (jsonl holds one JSON value per line)")
        }
        input.newLine()
        input.position += 1
    }

    private mutating func rejectLine(_ error: JSONSyntaxError) throws(ConversionError) {
        // A record whose line goes on after it is rejected with its line.
        if !inRecord && !lineRecordReady { recordCount += 1 }
        lineRecordReady = false
        sink.reject(
            Finding(
                .error, .parse, code: "malformed-json", message: "\(error.message); the line was skipped",
                location: SourceLocation(file: plan.file, line: error.line, record: recordCount, column: error.column)))
        inRecord = false
        recordFrame = -1
        frames.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        builder.begin(SourceLocation(file: plan.file, line: 0), key: nil)
        do throws(JSONStop) {
            try skipRestOfLine()
        } catch {
            if case .io(let failure) = error { throw failure }
        }
    }

    private mutating func skipRestOfLine() throws(JSONStop) {
        while true {
            while input.position < input.end {
                let c = input.base[input.position]
                if c == 0x0A {
                    input.newLine()
                    input.position += 1
                    return
                }
                input.position += 1
            }
            guard try input.refill() else { return }
        }
    }
}
