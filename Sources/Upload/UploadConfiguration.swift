public import Foundation
import IntegrationAPI

/// What to upload and how: the run directory and the upload options.
public struct UploadConfiguration: Sendable {
    /// The run directory `convert` wrote.
    public var directory: URL
    /// Where the runs go, as the ledger and report name it: the host's base URL.
    public var target: String
    /// Submit every chunk as a dry run (`test=true`).
    public var testRun: Bool
    /// Runs in flight at once; chunks of a later phase wait for every chunk of the earlier ones.
    public var concurrency: Int
    /// After this long a run that has not finished makes its chunk `timedOut`.
    public var runTimeout: Duration
    /// Send `processingMode: full` in more than one chunk (each chunk would archive the others' data).
    public var allowFullChunks: Bool
    public var pollSchedule: PollSchedule
    /// Recorded in the report; the client enforces it.
    public var maxRequestsPerSecond: Double
    /// Send again chunks whose last run failed; when false they keep their verdict (`resume` without `--retry-failed`).
    public var retryFailed: Bool

    public init(
        directory: URL, target: String, testRun: Bool = false, concurrency: Int = 1,
        runTimeout: Duration = .seconds(7200),
        allowFullChunks: Bool = false, pollSchedule: PollSchedule = PollSchedule(), maxRequestsPerSecond: Double = 10,
        retryFailed: Bool = true
    ) {
        self.directory = directory
        self.target = target
        self.testRun = testRun
        self.concurrency = max(1, concurrency)
        self.runTimeout = runTimeout
        self.allowFullChunks = allowFullChunks
        self.pollSchedule = pollSchedule
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.retryFailed = retryFailed
    }

    var reportOptions: UploadReport.Options {
        UploadReport.Options(
            testRun: testRun, concurrency: concurrency, maxRequestsPerSecond: maxRequestsPerSecond,
            runTimeoutSeconds: runTimeout.seconds, allowFullChunks: allowFullChunks)
    }
}
