import ArgumentParser
import Foundation
import LDIFCore
import Upload

/// `ldifbulk resume DIR`: carries on an interrupted upload from the run directory alone.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Carry on an interrupted upload of a run directory: nothing delivered twice, nothing left out.",
        discussion: """
            Reads DIR's manifest, ledger and upload settings (upload.json): the inputs and the mapping are \
            not needed. Delivered chunks are skipped; chunks with a run are followed, not sent again; a chunk \
            whose create got no answer is looked up by its key in the run list and adopted if found; chunks \
            never sent are sent. Failed chunks keep their verdict unless --retry-failed. A chunk file that \
            changed since convert (sha256) stops the resume before anything is sent.

            A 'run' stopped while converting (DIR has conversion.json, no manifest) is converted again with \
            the same options and conversion id, then uploaded, when the mapping and every input are unchanged \
            (size and sha256); when any changed, nothing is done.

            The host and options are those of the last upload of DIR (--host overrides the host); the API \
            token comes from $LEANIX_API_TOKEN or --token-file. Exit codes as for upload.
            """)

    @Argument(help: "The run directory of the interrupted upload or run.")
    var directory: String

    @Option(help: "Upload to this host instead of the one DIR was uploaded to.")
    var host: String?

    @Option(help: "Read the API token from this file (default: the file the upload used, else $LEANIX_API_TOKEN).")
    var tokenFile: String?

    @Flag(help: "Send again the chunks whose run failed.")
    var retryFailed = false

    @Flag(help: "Print nothing while uploading; the summary at the end still goes to stderr.")
    var quiet = false

    func run() async throws {
        let url = URL(fileURLWithPath: directory)
        if !FileManager.default.fileExists(atPath: url.appendingPathComponent(Manifest.fileName).path) {
            let job: ConversionJob?
            do {
                job = try ConversionJob.read(directory: directory)
            } catch {
                throw ExitStatus.report(error).exitCode
            }
            if let job { throw try await convertAgain(job).exitCode }
        }
        let options: UploadOptions
        do {
            let changed = try UploadDirectory(url: url).changedChunks()
            guard changed.isEmpty else {
                for message in changed { Terminal.error("ldifbulk: \(message)") }
                Terminal.error(
                    "ldifbulk: not resuming: \(changed.count) chunk file\(changed.count == 1 ? "" : "s") changed since convert; "
                        + "convert the inputs again into a new directory")
                throw ExitStatus.fatal.exitCode
            }
            options = try uploadOptions(try UploadSettings.read(directory: url))
        } catch let error as ConversionError {
            throw ExitStatus.report(error).exitCode
        }
        throw try await UploadRunner(directory: directory, options: options, retryFailed: retryFailed).run().exitCode
    }

    /// The upload options of the last upload of the directory, with this command's overrides.
    func uploadOptions(_ stored: UploadSettings?, converting: Bool = false) throws -> UploadOptions {
        guard let stored else {
            guard let host else {
                throw ValidationError(
                    "\(directory) was never uploaded (no \(UploadSettings.fileName)): use 'ldifbulk upload \(directory)', or pass --host"
                )
            }
            return try UploadOptions.parse(["--host", host] + common(tokenFile: tokenFile))
        }
        var arguments: [String] = []
        if let host {
            arguments += ["--host", host]
        } else if stored.emulator {
            Terminal.error(
                converting
                    ? "note: \(directory) is for a built-in emulator; starting a new one"
                    : "note: \(directory) was uploaded to a built-in emulator, which ended with it; uploading to a new one"
            )
            arguments.append("--emulator")
        } else {
            arguments += ["--host", stored.host]
        }
        arguments += common(tokenFile: tokenFile ?? stored.tokenFile)
        if stored.testRun { arguments.append("--test-run") }
        if stored.allowFullChunks { arguments.append("--allow-full-chunks") }
        arguments += [
            "--concurrency", "\(stored.concurrency)", "--max-rps", "\(stored.maxRequestsPerSecond)",
            "--run-timeout", "\(stored.runTimeoutSeconds)s",
        ]
        return try UploadOptions.parse(arguments)
    }

    func common(tokenFile: String?) -> [String] {
        (tokenFile.map { ["--token-file", $0] } ?? []) + (quiet ? ["--quiet"] : [])
    }
}
