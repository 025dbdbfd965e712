import ArgumentParser
import Foundation
import IntegrationAPI
import Upload

/// The options every uploading command shares (`upload`, and `run` after converting).
struct UploadOptions: ParsableArguments {
    static let maxConcurrency = 256
    static let maxRate = 10_000.0

    @Option(
        help: "The LeanIX host, e.g. https://acme.leanix.net (plain http only for loopback). Default: $LEANIX_HOST.")
    var host: String?

    @Flag(help: "Start the built-in Integration API emulator on a free local port and upload there; no token needed.")
    var emulator = false

    @Option(help: "Read the API token from this file instead of $LEANIX_API_TOKEN.")
    var tokenFile: String?

    @Flag(help: "Submit every chunk as a dry run (test=true): the server checks it and changes nothing.")
    var testRun = false

    @Option(help: "Runs in flight at once. 1 sends the next chunk when the previous has ended (safe for relations).")
    var concurrency = 1

    @Option(name: .customLong("max-rps"), help: "Requests a second, every request of the upload together.")
    var maxRequestsPerSecond = 10.0

    @Option(
        help: "Give up following a run after this long (90s, 30m, 2h; at most 366 days); the chunk is then timedOut.")
    var runTimeout = TimeSpan(.seconds(7200))

    @Flag(help: "Allow processingMode: full in more than one chunk (each chunk may archive the others' data).")
    var allowFullChunks = false

    @Flag(help: "Print nothing while uploading; the summary at the end still goes to stderr.")
    var quiet = false

    func validate() throws {
        guard (1...Self.maxConcurrency).contains(concurrency) else {
            throw ValidationError("--concurrency must be from 1 to \(Self.maxConcurrency)")
        }
        guard maxRequestsPerSecond.isFinite, maxRequestsPerSecond >= 0.01, maxRequestsPerSecond <= Self.maxRate else {
            throw ValidationError("--max-rps must be a number from 0.01 to \(Int(Self.maxRate))")
        }
        if emulator, host != nil { throw ValidationError("give --host or --emulator, not both") }
        if !emulator { _ = try resolvedHost(environment: ProcessInfo.processInfo.environment) }
    }

    /// The target host: `--host`, else `$LEANIX_HOST`.
    ///
    /// - Throws: `ValidationError` (usage, exit 64) when there is none or it is not acceptable.
    func resolvedHost(environment: [String: String]) throws -> APIHost {
        guard let text = host ?? environment[APIHost.environmentVariable], !text.isEmpty else {
            throw ValidationError(
                "no target: pass --host https://YOUR-WORKSPACE.leanix.net (or set \(APIHost.environmentVariable)), "
                    + "or --emulator to try it locally")
        }
        return try checkedHost(text)
    }

    private func checkedHost(_ text: String) throws -> APIHost {
        do {
            return try APIHost(text)
        } catch let error as APIError {
            throw ValidationError(error.message)
        }
    }

    /// These options as kept in the run directory for `ldifbulk resume` (`host` empty for an emulator not started yet).
    func settings(host: String) -> UploadSettings {
        UploadSettings(
            host: host, emulator: emulator, tokenFile: tokenFile, testRun: testRun, concurrency: concurrency,
            maxRequestsPerSecond: maxRequestsPerSecond, runTimeoutSeconds: runTimeout.duration.seconds,
            allowFullChunks: allowFullChunks)
    }

    /// These options as command-line arguments, for the retry command (never the token).
    func arguments(host target: String?) -> [String] {
        var arguments: [String] = []
        if emulator {
            arguments.append("--emulator")
        } else if host != nil, let target {
            arguments += ["--host", target]
        }
        if let tokenFile { arguments += ["--token-file", tokenFile] }
        if testRun { arguments.append("--test-run") }
        if concurrency != 1 { arguments += ["--concurrency", "\(concurrency)"] }
        if maxRequestsPerSecond != 10 {
            let whole = maxRequestsPerSecond.rounded() == maxRequestsPerSecond && maxRequestsPerSecond < 1e9
            arguments += ["--max-rps", whole ? "\(Int(maxRequestsPerSecond))" : "\(maxRequestsPerSecond)"]
        }
        if runTimeout.duration != .seconds(7200) { arguments += ["--run-timeout", runTimeout.defaultValueDescription] }
        if allowFullChunks { arguments.append("--allow-full-chunks") }
        return arguments
    }
}
