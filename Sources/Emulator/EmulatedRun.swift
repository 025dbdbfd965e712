import Foundation
import IntegrationWire

/// One synchronization run and everything needed to tell its status at any
/// moment. Status is computed from timestamps, not advanced by a timer, so
/// runs go on in parallel without tasks and a manual clock drives them.
struct EmulatedRun: Sendable {
    let id: String
    let submission: LDIFSubmission
    let createdAt: Date
    /// ERROR warnings by item index, in item order.
    let itemWarnings: [(index: Int, warning: RunWarning)]
    /// Why the run ends FAILED, if it does.
    let failure: Failure?
    let fast: Bool
    var test = false
    /// When the start was asked for.
    var startRequestedAt: Date?
    /// When it leaves SEQUENTIALIZED (equal to the start unless another run
    /// of a sequential configuration is ahead of it).
    var beginsAt: Date?
    var stoppedAt: Date?
    /// How long PENDING and IN_PROGRESS last, fixed at start.
    var pendingSeconds: TimeInterval = 0
    var workSeconds: TimeInterval = 0

    enum Failure: Sendable, Equatable {
        /// An item matched `--fail-id`.
        case poisonItem(index: Int)
        /// The `fail` fault was drawn.
        case injected
    }

    var itemCount: Int { submission.items.count }

    /// When processing ends (FINISHED or FAILED), if started and not stopped first.
    var endsAt: Date? {
        beginsAt.map { $0.addingTimeInterval(pendingSeconds + workSeconds) }
    }

    /// The status at `now`.
    func state(at now: Date) -> RunState {
        if let stoppedAt, now >= stoppedAt { return .stopped }
        guard let startRequestedAt, now >= startRequestedAt, let beginsAt, let endsAt else { return .created }
        if now < beginsAt { return .sequentialized }
        if now < beginsAt.addingTimeInterval(pendingSeconds) { return .pending }
        if now < endsAt { return .inProgress }
        return failure == nil ? .finished : .failed
    }

    /// When the run reached its terminal state, if it has by `now`.
    func finishedAt(at now: Date) -> Date? {
        switch state(at: now) {
        case .stopped: stoppedAt
        case .finished, .failed: endsAt
        default: nil
        }
    }

    /// Items processed by `now`: none before IN_PROGRESS, then one per item time.
    func processedCount(at now: Date) -> Int {
        guard let beginsAt, let endsAt else { return 0 }
        let workStart = beginsAt.addingTimeInterval(pendingSeconds)
        let until = min(now, stoppedAt ?? now)
        if until >= endsAt { return itemCount }
        guard until > workStart, workSeconds > 0 else { return 0 }
        let fraction = until.timeIntervalSince(workStart) / workSeconds
        return min(itemCount, Int(Double(itemCount) * fraction))
    }

    /// The warnings visible at `now`: those of items already processed.
    func warnings(at now: Date) -> [RunWarning] {
        let processed = processedCount(at: now)
        var visible = itemWarnings.prefix { $0.index < processed }.map(\.warning)
        if state(at: now) == .failed, case .poisonItem(let index) = failure {
            visible.append(Self.poisonWarning(submission.items[index]))
        }
        return visible
    }

    /// Items that end as ERROR warnings, by index.
    var refusedIndexes: Set<Int> { Set(itemWarnings.map(\.index)) }

    /// The items the workspace received: those of a finished run that were
    /// not refused. A run that failed, stopped or was a test delivers nothing.
    func deliveredItems(at now: Date) -> [LDIFSubmission.Item] {
        guard !test, state(at: now) == .finished else { return [] }
        let refused = refusedIndexes
        return submission.items.enumerated().filter { !refused.contains($0.offset) }.map(\.element)
    }

    static func poisonWarning(_ item: LDIFSubmission.Item) -> RunWarning {
        RunWarning(
            processor: ProcessorReference(name: "emulator", index: 0), content: item.id,
            message: "The run failed while processing this item",
            detail: "item \(item.type) \(item.id) matches the emulator's --fail-id rule",
            category: "RUN_FAILURE", status: .error)
    }
}
