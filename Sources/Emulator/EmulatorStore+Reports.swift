import Foundation
import IntegrationWire

extension EmulatorStore {
    /// `GET /synchronizationRuns/{id}/status`.
    func status(_ id: String) -> Reply {
        guard let run = runs[id] else { return .notFound(run: id) }
        return .json(RunStatus(id: id, status: run.state(at: now), description: run.submission.description))
    }

    /// `GET /synchronizationRuns/{id}/progress`.
    func progress(_ id: String) -> Reply {
        guard let run = runs[id] else { return .notFound(run: id) }
        let time = now
        let processed = run.processedCount(at: time)
        let warnings = run.warnings(at: time)
        return .json(
            RunProgress(
                status: run.state(at: time), processedContentCount: processed,
                errorCount: warnings.filter { $0.status == .error }.count, graphQLRequestCount: processed,
                runLevelIndex: 0, warningsCount: warnings.count))
    }

    /// `GET /synchronizationRuns/{id}/stats`.
    func stats(_ id: String) -> Reply {
        guard let run = runs[id] else { return .notFound(run: id) }
        let time = now
        let warnings = run.warnings(at: time)
        let errors = warnings.filter { $0.status == .error }.count
        let processed = run.processedCount(at: time)
        return .json(
            RunStats(
                id: id, status: run.state(at: time), statusChanges: Self.statusChanges(run, at: time),
                processorStats: [
                    ProcessorStats(
                        processor: ProcessorReference(name: "emulator", index: 0), processedCount: processed,
                        errorCount: errors)
                ],
                processedContentCount: processed, errorCount: errors, warningCount: warnings.count, deletedObjects: 0))
    }

    /// `GET /synchronizationRuns/{id}/warnings?offset=&limit=`.
    func warnings(_ id: String, offset: String?, limit: String?) -> Reply {
        let maximum = IntegrationQuery.maximumWarningsLimit
        guard let pageSize = limit.map({ Int($0) }) ?? maximum, (1...maximum).contains(pageSize) else {
            return .errors(400, ["limit must be a whole number from 1 to \(maximum)"])
        }
        guard let start = offset.map({ Int($0) }) ?? 0, start >= 0, start % pageSize == 0 else {
            return .errors(400, ["offset must be a whole number of 0 or more and a multiple of limit (\(pageSize))"])
        }
        guard let run = runs[id] else { return .notFound(run: id) }
        let all = run.warnings(at: now)
        guard start < all.count else { return .json([RunWarning]()) }
        return .json(Array(all[start..<min(all.count, start + pageSize)]))
    }

    /// `GET /synchronizationRuns/{id}/results`: 204 for inbound and for
    /// unfinished runs; a finished outbound run gives an LDIF with the
    /// workspace's delivered items.
    func results(_ id: String) -> Reply {
        guard let run = runs[id] else { return .notFound(run: id) }
        guard run.submission.processingDirection == "outbound", run.state(at: now) == .finished else {
            return .empty(204)
        }
        return .json(OutboundLDIF(run.submission, items: deliveredCounts().map(\.key)))
    }

    private static func statusChanges(_ run: EmulatedRun, at time: Date) -> [StatusChange] {
        var changes = [(RunState.created, run.createdAt)]
        if let requested = run.startRequestedAt, let begins = run.beginsAt, let ends = run.endsAt {
            if begins > requested { changes.append((.sequentialized, requested)) }
            changes.append((.pending, begins))
            changes.append((.inProgress, begins.addingTimeInterval(run.pendingSeconds)))
            changes.append((run.failure == nil ? .finished : .failed, ends))
        }
        if let stopped = run.stoppedAt {
            changes = changes.filter { $0.1 < stopped } + [(.stopped, stopped)]
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return changes.filter { $0.1 <= time }.map {
            StatusChange(status: $0.0, timestamp: formatter.string(from: $0.1))
        }
    }
}

/// The LDIF a finished outbound run produces.
private struct OutboundLDIF: Encodable {
    struct Content: Encodable {
        var type: String
        var id: String
        var data: [String: String]
    }

    var connectorType, connectorId, connectorVersion, lxVersion, processingDirection, processingMode: String
    var description: String?
    var content: [Content]

    init(_ submission: LDIFSubmission, items: [ItemKey]) {
        connectorType = submission.connectorType
        connectorId = submission.connectorId
        connectorVersion = submission.connectorVersion
        lxVersion = submission.lxVersion
        processingDirection = "outbound"
        processingMode = submission.processingMode
        description = submission.description
        content = items.map { Content(type: $0.type, id: $0.id, data: [:]) }
    }
}
