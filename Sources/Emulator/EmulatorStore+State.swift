import Foundation
import IntegrationWire

/// The identity of an item in the workspace.
struct ItemKey: Hashable, Sendable, Comparable {
    var type: String
    var id: String

    static func < (left: ItemKey, right: ItemKey) -> Bool {
        (left.type, left.id) < (right.type, right.id)
    }
}

extension EmulatorStore {
    /// The state that `GET /emulator/state` reports, for tests that hold the
    /// store in-process.
    public func state() -> EmulatorState {
        let time = now
        let runList = runOrder.compactMap { runs[$0] }.map { run in
            EmulatorState.Run(
                id: run.id, status: run.state(at: time), test: run.test, fast: run.fast,
                description: run.submission.description, itemCount: run.itemCount,
                errorCount: run.itemWarnings.count, chunkInformation: run.submission.chunkInformation,
                connectorType: run.submission.connectorType, connectorId: run.submission.connectorId,
                connectorVersion: run.submission.connectorVersion,
                processingDirection: run.submission.processingDirection,
                processingMode: run.submission.processingMode, createdAt: run.createdAt,
                startedAt: run.startRequestedAt, finishedAt: run.finishedAt(at: time))
        }
        return EmulatorState(
            workspaceId: options.workspaceId, requestsServed: requestCount, tokensIssued: tokens.issued,
            runs: runList, delivered: deliveredCounts().map(Self.itemCount),
            refused: refusedCounts().map(Self.itemCount),
            runsPerDescription: runsPerDescription, faultsInjected: faultCounts)
    }

    /// `GET /emulator/state`.
    func stateReply() -> Reply {
        .json(state())
    }

    /// Arrivals per item over every finished non-test run, sorted by type and id.
    func deliveredCounts() -> [(key: ItemKey, count: Int)] {
        let time = now
        var counts: [ItemKey: Int] = [:]
        for run in runs.values {
            for item in run.deliveredItems(at: time) { counts[ItemKey(type: item.type, id: item.id), default: 0] += 1 }
        }
        return counts.sorted { $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
    }

    private func refusedCounts() -> [(key: ItemKey, count: Int)] {
        let time = now
        var counts: [ItemKey: Int] = [:]
        for run in runs.values where !run.test && run.state(at: time) == .finished {
            for index in run.refusedIndexes {
                let item = run.submission.items[index]
                counts[ItemKey(type: item.type, id: item.id), default: 0] += 1
            }
        }
        return counts.sorted { $0.key < $1.key }.map { (key: $0.key, count: $0.value) }
    }

    private static func itemCount(_ entry: (key: ItemKey, count: Int)) -> EmulatorState.ItemCount {
        EmulatorState.ItemCount(type: entry.key.type, id: entry.key.id, count: entry.count)
    }
}
