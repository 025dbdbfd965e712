import ArgumentParser
import Emulator
import Foundation
import IntegrationAPI
import LDIFCore
import Upload

/// `ldifbulk upload DIR`: every chunk of a run directory as an inbound run, followed to its verdict.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload the chunks that 'convert --out DIR' wrote, and report every chunk and refused item.",
        discussion: """
            The API token comes from $LEANIX_API_TOKEN or --token-file, never from the command line. \
            DIR keeps a ledger of what was sent: uploading it again sends only what did not go through. \
            Start with --test-run: the server checks every chunk and changes nothing.

            Writes DIR/report.json and DIR/errors.csv. Exit codes: 0 all delivered; 2 items or rows \
            refused; 3 chunks failed, timed out or not submitted; 1 nothing could be done; 64 usage; \
            130 interrupted.
            """)

    @Argument(help: "The run directory that 'ldifbulk convert --out DIR' wrote.")
    var directory: String

    @OptionGroup var options: UploadOptions

    func run() async throws {
        throw try await UploadRunner(directory: directory, options: options).run().exitCode
    }
}

/// Runs an upload from command-line options and maps its outcome to an exit code, in one place.
struct UploadRunner {
    var directory: String
    var options: UploadOptions
    /// Send again chunks whose run failed (`upload` always does; `resume` with `--retry-failed`).
    var retryFailed = true

    /// - Returns: 0, 2 (refused items or rows), 3 (chunks not delivered), 1 (fatal), 130 (interrupted).
    /// - Throws: `ValidationError` for usage errors (exit 64).
    func run() async throws -> ExitStatus {
        let environment = ProcessInfo.processInfo.environment
        do {
            if options.emulator { return try await uploadToEmulator() }
            let host = try options.resolvedHost(environment: environment)
            let token = try APIToken.load(file: options.tokenFile, environment: environment)
            if let file = options.tokenFile, let warning = APIToken.permissionWarning(file: file) {
                Terminal.error(warning)
            }
            return try await upload(host: host, token: token)
        } catch let error as ValidationError {
            throw error
        } catch is CancellationError {
            // Ctrl-C before the first chunk was planned: nothing to carry on.
            Terminal.error("interrupted before anything was sent")
            return .interrupted
        } catch {
            return ExitStatus.report(error)
        }
    }

    /// Starts the built-in emulator on a free loopback port, uploads there with its token, and stops it.
    private func uploadToEmulator() async throws -> ExitStatus {
        try await EmulatorServer.withRunningEmulator(EmulatorOptions()) { emulator in
            Terminal.error("emulator listening on \(emulator.baseURL) (it stops when the upload ends)")
            guard let token = APIToken(emulator.apiToken) else { throw ValidationError("the emulator gave no token") }
            return try await upload(host: try APIHost(emulator.baseURL), token: token)
        }
    }

    private func upload(host: APIHost, token: APIToken) async throws -> ExitStatus {
        let printer = UploadProgressPrinter(mode: UploadProgressPrinter.mode(quiet: options.quiet))
        defer { printer.finish() }
        let configuration = UploadConfiguration(
            directory: URL(fileURLWithPath: directory), target: host.baseURL, testRun: options.testRun,
            concurrency: options.concurrency, runTimeout: options.runTimeout.duration,
            allowFullChunks: options.allowFullChunks, maxRequestsPerSecond: options.maxRequestsPerSecond,
            retryFailed: retryFailed)
        try storeSettings(host: host)
        let settings = IntegrationClient.Configuration(requestsPerSecond: options.maxRequestsPerSecond)
        let result = try await IntegrationClient.withClient(host: host, apiToken: token, configuration: settings) {
            client in
            let uploader = Uploader(configuration: configuration, client: client, observer: printer)
            return try await InterruptSignal.cancelling(
                "stopping: waiting for the ledger and report (Ctrl-C again to quit now)"
            ) {
                try await uploader.run()
            }
        }
        printer.finish()
        return report(result, host: host)
    }

    /// Keeps target and options in the run directory, for `ldifbulk resume DIR`; not in a directory without a manifest.
    private func storeSettings(host: APIHost) throws {
        let url = URL(fileURLWithPath: directory)
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent(Manifest.fileName).path) else { return }
        try options.settings(host: host.baseURL).write(directory: url)
    }

    private func report(_ result: Uploader.Result, host: APIHost) -> ExitStatus {
        if let owner = result.staleLockOwner {
            Terminal.error("note: took over the lock of process \(owner), which no longer runs")
        }
        if let recovery = result.recovery, recovery.isSurprising {
            Terminal.error(Self.text(recovery, directory: directory, host: host))
        }
        if result.report.chunks.isEmpty {
            Terminal.error("nothing to upload: \(directory) holds no chunks (the conversion emitted no items)")
        } else if result.nothingToDo, result.report.chunks.allSatisfy({ $0.verdict?.isDelivered == true }) {
            let mode = options.testRun ? "test run" : "upload"
            Terminal.error(
                "nothing to do: every chunk of \(directory) was already delivered to \(host) (\(mode)); see \(directory)/report.json"
            )
        }
        let retry = (["ldifbulk", "upload", directory] + options.arguments(host: host.baseURL)).map(Self.shellQuoted)
        Terminal.error(
            UploadSummary.text(result.report, directory: directory, retryCommand: retry.joined(separator: " ")))
        if result.interrupted {
            // The in-process emulator is gone with this process: only a new upload makes sense then.
            let resume =
                options.emulator
                ? "run the same command again" : "carry on with: ldifbulk resume \(Self.shellQuoted(directory))"
            Terminal.error("interrupted: \(resume)")
            return .interrupted
        }
        switch result.report.outcome {
        case .clean: return .success
        case .finishedWithErrors: return .findings
        case .chunksFailed: return .chunksFailed
        }
    }

    /// What the look-up of chunks the ledger did not know found, for the user to check.
    static func text(_ recovery: Uploader.Recovery, directory: String, host: APIHost) -> String {
        let count = recovery.lookedUp.count
        let found = recovery.found.sorted { $0.key < $1.key }.map { "\($0.key) (run \($0.value))" }
        return
            "warning: \(directory)/\(Ledger.fileName) has no record of a run for \(count) chunk\(count == 1 ? "" : "s") "
            + "on \(host), although \(recovery.evidenceText) show an earlier upload: looked "
            + "\(count == 1 ? "it" : "them") up by key in the run list first; \(recovery.found.count) found and "
            + "followed, not sent again\(found.isEmpty ? "" : ": chunk " + found.joined(separator: ", ")); "
            + "\(count - recovery.found.count) not found there"
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "-_./:=@,+".unicodeScalars.contains($0)
        }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
