import LDIFCore

extension CSVImporter {
    /// Moves to the next non-empty block, or finishes libcsv at the end of the input.
    func advance() throws(ConversionError) {
        while let next = try input.next(encoding: options.encoding) {
            if next.count > 0 {
                block = next
                offset = 0
                return
            }
        }
        block = UnsafeRawBufferPointer(start: nil, count: 0)
        offset = 0
        if let parser, !ended {
            let context = UnsafeMutableRawPointer(assembler)
            if assembler.pointee.skippingField { dropOverflow() }
            endedInsideQuotes = !parser.finish(context: context)
        }
        ended = true
    }

    /// Parses the first row only, one line at a time, so that the bytes after it wait
    /// for ``read(into:)`` (the header must be known before the plan binds columns).
    func captureFirstRow() throws(ConversionError) {
        assembler.pointee.capturing = true
        defer { assembler.pointee.capturing = false }
        while assembler.pointee.captured == nil && !ended {
            if offset == block.count {
                try advance()
                continue
            }
            var end = offset
            while end < block.count && block[end] != 0x0A && block[end] != 0x0D { end += 1 }
            try pump(upTo: min(end + 1, block.count))
        }
    }

    /// Feeds libcsv the current block up to `end`, resuming after every stop that is
    /// not fatal, and keeps an overlong field from growing libcsv's buffer.
    func pump(upTo end: Int) throws(ConversionError) {
        let context = UnsafeMutableRawPointer(assembler)
        let base = block.baseAddress!
        while offset < end {
            // Slices no longer than the limit: a field over it then spans two calls, and
            // libcsv's state between them tells whether it is quoted.
            let slice = min(end - offset, options.maxFieldBytes)
            let (consumed, stop) = parser.parse(base + offset, count: slice, context: context)
            offset += consumed
            if parser.inQuotedField { assembler.pointee.pendingQuoted = true }
            if assembler.pointee.skippingField || parser.pendingFieldBytes > options.maxFieldBytes {
                assembler.pointee.fieldOverflows()
                dropOverflow()
            } else {
                parser.limitTrailingBlanks(to: options.maxFieldBytes + 1)
            }
            guard let stop else { continue }
            switch stop {
            case .quoteInUnquotedField:
                parser.resumeAfterQuoteInUnquotedField(base + offset, context: context)
                offset += 1
            case .textAfterClosingQuote:
                let column = assembler.pointee.fields
                assembler.pointee.note(.strayQuote(column: column, line: assembler.pointee.fieldLine))
                assembler.pointee.pendingQuoted = true
                parser.reopenAfterClosingQuote()
            case .outOfMemory:
                throw ConversionError(
                    .input,
                    "\(input.name):\(assembler.pointee.fieldLine): out of memory while reading a field; lower --max-field-bytes"
                )
            case .other(let status):
                throw ConversionError(
                    .input, "\(input.name):\(assembler.pointee.fieldLine): the CSV parser stopped with status \(status)"
                )
            }
        }
    }

    /// Drops the bytes of an overlong field that libcsv holds, counting their line breaks.
    private func dropOverflow() {
        parser.dropPendingField { dropped in
            assembler.pointee.rowBreaks += TextScan(dropped.baseAddress, count: dropped.count).breaks
        }
    }
}
