public import Foundation

extension IntegrationClient {
    /// Page size of `/warnings`: the largest the API allows.
    public static let warningsPageSize = 100

    /// Creates and starts a run with `ldif` as its body, sent as it is (`start=true`, `test=true` for a dry run).
    ///
    /// Not repeated after it may have reached the server: the caller must look the run up first.
    ///
    /// - Returns: the new run; the answer may be the object or a one-element array of it.
    /// - Throws: `APIError`; `.ambiguous` when the run may or may not have been created.
    public func createRun(ldif: Data, test: Bool, tally: RequestTally? = nil) async throws -> SynchronizationRun {
        let query = test ? "?start=true&test=true" : "?start=true"
        let response = try await call(.post, "/synchronizationRuns" + query, body: ldif, idempotent: false, tally: tally)
        if let run = try? JSONDecoder().decode(SynchronizationRun.self, from: response.body) { return run }
        let runs = try decode([SynchronizationRun].self, from: response, "create run")
        guard runs.count == 1, let run = runs.first else {
            throw APIError(.decoding, "create run: expected one run in the answer from \(host), got \(runs.count)")
        }
        return run
    }

    /// The run's id, status and description.
    public func status(of runId: String, tally: RequestTally? = nil) async throws -> SynchronizationRun {
        let response = try await call(.get, "/synchronizationRuns/\(escape(runId))/status", tally: tally)
        return try decode(SynchronizationRun.self, from: response, "status of run \(runId)")
    }

    /// The run's progress counts (`errorCount` among them).
    public func progress(of runId: String, tally: RequestTally? = nil) async throws -> RunProgress {
        let response = try await call(.get, "/synchronizationRuns/\(escape(runId))/progress", tally: tally)
        return try decode(RunProgress.self, from: response, "progress of run \(runId)")
    }

    /// Every entry of the run's `/warnings`, page by page (limit 100, offsets in steps of 100).
    public func warnings(of runId: String, tally: RequestTally? = nil) async throws -> [RunWarning] {
        var all: [RunWarning] = []
        let limit = Self.warningsPageSize
        while true {
            let path = "/synchronizationRuns/\(escape(runId))/warnings?offset=\(all.count)&limit=\(limit)"
            let page = try decode([RunWarning].self, from: try await call(.get, path, tally: tally), "warnings of run \(runId)")
            all += page
            // A short page is the last; a full page may be followed by an empty one.
            // A cap keeps a server that always answers full pages from looping forever.
            if page.count < limit || all.count >= 10_000_000 { return all }
        }
    }

    /// Every run of the workspace, as `GET /synchronizationRuns` lists them.
    public func runs(tally: RequestTally? = nil) async throws -> [SynchronizationRun] {
        try decode([SynchronizationRun].self, from: try await call(.get, "/synchronizationRuns", tally: tally), "run list")
    }

    /// Asks the server to stop a pending or running run.
    public func stop(_ runId: String, tally: RequestTally? = nil) async throws {
        _ = try await call(.post, "/synchronizationRuns/\(escape(runId))/stop", tally: tally)
    }

    private func escape(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? id
    }
}
