extension Converter {
    public func accept(_ record: borrowing Record) {
        guard fatal == nil else { return }
        recordsInFile += 1
        if firstPass { totals.recordsRead += 1 }
        let ordinal = fileBase + record.location.record - 1
        builder.build(copy record, phase: phase)
        var failed = false
        for finding in builder.findings {
            reporter.add(finding)
            if finding.severity == .error {
                failed = true
                if finding.itemId != nil || finding.code == "empty-id" { totals.itemsRejected += 1 }
            }
        }
        var emitted = false
        for item in builder.items {
            if plan.duplicates != .allow,
                let first = builder.keys.withUnsafeBytes({
                    duplicates.insert(
                        type: UnsafeRawBufferPointer(rebasing: $0[item.type]),
                        id: UnsafeRawBufferPointer(rebasing: $0[item.id]), ordinal: ordinal)
                })
            {
                failed = true
                reportDuplicate(item, record.location, firstOrdinal: first)
                continue
            }
            do {
                if let warning = try sink?.add(item, from: builder, phase: phase, location: record.location) {
                    reporter.add(warning)
                }
            } catch {
                fatal = error
                return
            }
            totals.itemsEmitted += 1
            emitted = true
        }
        if emitted { ledger.markEmitted(ordinal) }
        if failed { ledger.markFailed(ordinal) }
    }

    public func reject(_ finding: Finding) {
        recordsInFile += 1
        guard firstPass else { return }
        totals.recordsRead += 1
        reporter.add(finding)
        ledger.markFailed(fileBase + max(finding.location?.record ?? recordsInFile, 1) - 1)
    }

    public func report(_ finding: Finding) {
        guard firstPass else { return }
        if finding.severity == .error { brokenInputs += 1 }
        reporter.add(finding)
    }

    public func note(_ message: String) {
        if firstPass { notes(message) }
    }

    private func reportDuplicate(_ item: ItemBuilder.Item, _ location: SourceLocation, firstOrdinal: Int) {
        totals.itemsRejected += 1
        let first = describe(ordinal: firstOrdinal)
        let type = builder.text(item.type)
        let id = builder.text(item.id)
        let message = "duplicate \(type) '\(id)': the first came from \(first); this one is not emitted"
        if plan.duplicates == .error {
            fatal = ConversionError(.input, "\(location.description): \(message) (the mapping says duplicates: error)")
            return
        }
        reporter.add(
            Finding(
                .error, .mapping, code: "duplicate", message: message, location: location, rule: item.rule,
                itemType: type, itemId: id))
    }

    /// `apps.csv record 12` for a record ordinal.
    func describe(ordinal: Int) -> String {
        let index = fileBases.lastIndex { $0 <= ordinal } ?? 0
        return "\(files[index].name) record \(ordinal - fileBases[index] + 1)"
    }

    func finishTotals(chunks: [Manifest.Chunk]) {
        totals.recordsEmitted = ledger.emittedCount
        totals.recordsRejected = ledger.rejectedCount
        totals.recordsFiltered = totals.recordsRead - totals.recordsEmitted - totals.recordsRejected
        totals.chunks = chunks.count
        totals.bytes = chunks.reduce(0) { $0 + $1.bytes }
    }
}
