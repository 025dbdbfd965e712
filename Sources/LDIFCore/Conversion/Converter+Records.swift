/// The builder's side of a conversion: each record's items are built here and
/// handed, in batches, to the ``ItemEmitter``, which does the rest on its own thread.
extension Converter {
    public func accept(_ record: borrowing Record) {
        recordsInFile += 1
        if firstPass {
            totals.recordsRead += 1
            if totals.recordsRead & 4095 == 0 { options.progress?.counted(records: totals.recordsRead) }
        }
        guard !stopping else { return }
        part = Part(
            ordinal: fileBase + record.location.record - 1, line: record.location.line,
            record: record.location.record, pointer: record.location.pointer, sheet: record.location.sheet,
            items: builder.items.count,
            findings: builder.findings.count)
        builder.build(record, phase: phase, clear: false)
        endPart()
        if events.count >= ItemEmitter.batchEvents || builder.json.count >= ItemEmitter.batchBytes { handOver() }
    }

    /// The items and findings of the record being built since its last part went on, as one event.
    private func endPart() {
        // A record that gave neither items nor findings (filtered) leaves the emitter nothing to do.
        guard builder.items.count > part.items || builder.findings.count > part.findings else { return }
        events.append(
            .record(
                ordinal: part.ordinal, line: part.line, record: part.record, pointer: part.pointer,
                sheet: part.sheet, findings: part.findings..<builder.findings.count,
                items: part.items..<builder.items.count))
    }

    /// The builder is full in the middle of a record (a long `each`): what it holds goes on now.
    func handOverPart() {
        endPart()
        handOver()
        part.items = builder.items.count
        part.findings = builder.findings.count
    }

    public func reject(_ finding: Finding) {
        recordsInFile += 1
        guard firstPass else { return }
        totals.recordsRead += 1
        let ordinal = fileBase + max(finding.location?.record ?? recordsInFile, 1) - 1
        builder.findings.append(finding)
        events.append(.reject(ordinal: ordinal, finding: builder.findings.count - 1))
        if events.count >= ItemEmitter.batchEvents { handOver() }
    }

    public func report(_ finding: Finding) {
        guard firstPass else { return }
        if finding.severity == .error { brokenInputs += 1 }
        builder.findings.append(finding)
        events.append(.report(finding: builder.findings.count - 1))
        if events.count >= ItemEmitter.batchEvents { handOver() }
    }

    public func note(_ message: String) {
        if firstPass { events.append(.note(message)) }
    }

    /// Sends what the builder holds to the emitter, and gives the builder the empty storage of a used batch.
    func handOver() {
        guard let emitter, !events.isEmpty else { return }
        duplicateCheck?.mark(&builder.items, keys: builder.keys, events: events)
        let batch = emitter.emptyBatch()
        batch.phase = phase
        swap(&batch.events, &events)
        swap(&batch.json, &builder.json)
        swap(&batch.keys, &builder.keys)
        swap(&batch.items, &builder.items)
        swap(&batch.findings, &builder.findings)
        emitter.send(batch)
        if emitter.hasStopped { stopping = true }
    }

    func finishTotals(chunks: [Manifest.Chunk], ledger: RecordLedger) {
        totals.recordsEmitted = ledger.emittedCount
        totals.recordsRejected = ledger.rejectedCount
        totals.recordsFiltered = totals.recordsRead - totals.recordsEmitted - totals.recordsRejected
        totals.chunks = chunks.count
        totals.bytes = chunks.reduce(0) { $0 + $1.bytes }
    }
}
