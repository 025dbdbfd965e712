public import Foundation
public import IntegrationWire

extension IntegrationClient {
    /// Page size of `/warnings`: the largest the API allows.
    public static let warningsPageSize = IntegrationQuery.maximumWarningsLimit

    /// Creates and starts a run with `ldif` as its body, sent as it is (`start=true`, `test=true` for a dry run).
    ///
    /// Not repeated after it may have reached the server: the caller must look the run up first.
    ///
    /// - Returns: the new run; the answer may be the object or a one-element array of it.
    /// - Throws: `APIError`; `.ambiguous` when the run may or may not have been created.
    public func createRun(ldif: Data, test: Bool, tally: RequestTally? = nil) async throws -> RunStatus {
        var query = "?\(IntegrationQuery.start)=true"
        if test { query += "&\(IntegrationQuery.test)=true" }
        let response = try await call(
            .post, IntegrationPaths.synchronizationRuns + query, body: ldif, idempotent: false, tally: tally)
        let answer = try decode(CreateRunAnswer.self, from: response, "create run")
        guard answer.runs.count == 1, let run = answer.run else {
            throw APIError(
                .decoding, "create run: expected one run in the answer from \(host), got \(answer.runs.count)")
        }
        return run
    }

    /// The run's id, status and description.
    public func status(of runId: String, tally: RequestTally? = nil) async throws -> RunStatus {
        let response = try await call(.get, IntegrationPaths.run(runId, .status), tally: tally)
        return try decode(RunStatus.self, from: response, "status of run \(runId)")
    }

    /// The run's progress counts (`errorCount` among them).
    public func progress(of runId: String, tally: RequestTally? = nil) async throws -> RunProgress {
        let response = try await call(.get, IntegrationPaths.run(runId, .progress), tally: tally)
        return try decode(RunProgress.self, from: response, "progress of run \(runId)")
    }

    /// Every entry of the run's `/warnings`, page by page (limit 100, offsets in steps of 100).
    public func warnings(of runId: String, tally: RequestTally? = nil) async throws -> [RunWarning] {
        var all: [RunWarning] = []
        let limit = Self.warningsPageSize
        while true {
            let query = "?\(IntegrationQuery.offset)=\(all.count)&\(IntegrationQuery.limit)=\(limit)"
            let response = try await call(.get, IntegrationPaths.run(runId, .warnings) + query, tally: tally)
            let page = try decode([RunWarning].self, from: response, "warnings of run \(runId)")
            all += page
            // A short page is the last; a full one may be followed by an empty one. The cap stops a
            // server that answers full pages forever.
            if page.count < limit || all.count >= 10_000_000 { return all }
        }
    }

    /// Every run of the workspace, as `GET /synchronizationRuns` lists them.
    public func runs(tally: RequestTally? = nil) async throws -> [RunStatus] {
        let response = try await call(.get, IntegrationPaths.synchronizationRuns, tally: tally)
        return try decode([RunStatus].self, from: response, "run list")
    }

    /// Asks the server to stop a pending or running run.
    public func stop(_ runId: String, tally: RequestTally? = nil) async throws {
        _ = try await call(.post, IntegrationPaths.run(runId, .stop), tally: tally)
    }
}
