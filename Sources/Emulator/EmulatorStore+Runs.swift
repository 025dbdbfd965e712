import Foundation
import IntegrationWire

extension EmulatorStore {
    /// `POST /synchronizationRuns[?start=true[&test=true]]`.
    func createRun(_ submission: LDIFSubmission, start: Bool, test: Bool) -> Reply {
        if test, !start { return .errors(400, ["test=true needs start=true"]) }
        if let refusal = refusal(of: submission) { return refusal }
        let run = makeRun(submission, fast: false)
        runs[run.id] = run
        runOrder.append(run.id)
        runsPerDescription[submission.description ?? "", default: 0] += 1
        if start { begin(run.id, test: test) }
        return .json(RunStatus(id: run.id, status: runs[run.id]?.state(at: now), description: submission.description))
    }

    /// `POST /synchronizationRuns/{id}/start[?test=true]`.
    func startRun(_ id: String, test: Bool) -> Reply {
        guard let run = runs[id], !run.fast else { return .notFound(run: id) }
        guard run.startRequestedAt == nil else {
            return .errors(400, ["The synchronization run \(id) was already started; a run cannot be started twice"])
        }
        begin(id, test: test)
        return .empty(200)
    }

    /// `POST /synchronizationRuns/{id}/stop`.
    func stopRun(_ id: String) -> Reply {
        guard var run = runs[id], !run.fast else { return .notFound(run: id) }
        let state = run.state(at: now)
        guard [.sequentialized, .pending, .inProgress].contains(state) else {
            return .errors(
                400, ["The synchronization run \(id) is \(state), not pending or running: it cannot be stopped"])
        }
        run.stoppedAt = now
        runs[id] = run
        return .empty(200)
    }

    /// `GET /synchronizationRuns`: every run but fast runs, oldest first.
    func listRuns() -> Reply {
        let time = now
        let list = runOrder.compactMap { runs[$0] }.filter { !$0.fast }.map {
            RunStatus(id: $0.id, status: $0.state(at: time), description: $0.submission.description)
        }
        return .json(list)
    }

    /// `POST /fastSynchronizationRuns[?test=true]`: processed at once.
    func fastRun(_ submission: LDIFSubmission, test: Bool) -> Reply {
        if submission.processingDirection == "outbound" {
            return .errors(400, ["Fast execution does not support outbound yet"])
        }
        if let refusal = refusal(of: submission) { return refusal }
        var run = makeRun(submission, fast: true)
        run.test = test
        run.startRequestedAt = run.createdAt
        run.beginsAt = run.createdAt
        runs[run.id] = run
        runOrder.append(run.id)
        runsPerDescription[submission.description ?? "", default: 0] += 1
        let stats = FastRunStats(duration: "PT0S", processedContentCount: run.itemCount, processorCount: 1)
        let state = run.state(at: run.createdAt)
        return .json(FastRunAnswer(status: state, warnings: run.warnings(at: run.createdAt), stats: stats))
    }

    /// The 400 answer for a submission the workspace cannot take, if any.
    private func refusal(of submission: LDIFSubmission) -> Reply? {
        if let workspace = submission.lxWorkspace, !workspace.isEmpty, workspace != options.workspaceId {
            return .errors(400, ["lxWorkspace \(workspace) is not this workspace (\(options.workspaceId))"])
        }
        if !configurations.isEmpty, configuration(for: submission) == nil {
            let key = submission.configurationKey
            return .errors(
                400,
                [
                    "No processor configuration found for connectorType \"\(key.connectorType)\", connectorId "
                        + "\"\(key.connectorId)\", connectorVersion \"\(key.connectorVersion)\", processingDirection "
                        + "\"\(key.processingDirection)\""
                ])
        }
        return nil
    }

    private func makeRun(_ submission: LDIFSubmission, fast: Bool) -> EmulatedRun {
        var warnings: [(index: Int, warning: RunWarning)] = []
        var poison: Int?
        for (index, item) in submission.items.enumerated() {
            if let warning = rules.warning(for: item) { warnings.append((index, warning)) }
            if poison == nil, rules.poisons(item) { poison = index }
        }
        let injected = faults.failsRun(runOrder.count)
        if injected { faultCounts["fail", default: 0] += 1 }
        let failure: EmulatedRun.Failure? = poison.map { .poisonItem(index: $0) } ?? (injected ? .injected : nil)
        return EmulatedRun(
            id: UUID().uuidString.lowercased(), submission: submission, createdAt: now, itemWarnings: warnings,
            failure: failure, fast: fast)
    }

    /// Queues a created run: it begins now, or after the runs ahead of it when
    /// its configuration asks for sequential execution.
    private func begin(_ id: String, test: Bool) {
        guard var run = runs[id] else { return }
        let time = now
        run.test = run.test || test
        run.startRequestedAt = time
        run.pendingSeconds = options.runMs / 2 / 1000
        run.workSeconds = (options.runMs / 2 + options.itemMs * Double(run.itemCount)) / 1000
        var begins = time
        if configuration(for: run.submission)?.key.sequentialExecution == true {
            for other in runs.values
            where other.id != id && other.submission.configurationKey == run.submission.configurationKey {
                guard !other.state(at: time).isTerminal, let end = other.endsAt else { continue }
                begins = max(begins, end)
            }
        }
        run.beginsAt = begins
        runs[id] = run
    }
}
