import ArgumentParser
import Foundation
import LDIFCore
import Upload

/// `ldifbulk run`: convert into a run directory, then upload it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Convert inputs into a run directory, then upload every chunk (convert + upload).",
        discussion: """
            Conversion finishes first, so that every chunk has its final bytes and checks before anything \
            is sent; the run directory can then be inspected, and the upload carried on with \
            'ldifbulk upload DIR'. Rows rejected by convert stay out of the upload and go to errors.csv.

            Before converting, DIR gets conversion.json (the inputs' sizes and sha256, the options) and \
            upload.json, and standard input ('-') is copied to DIR/standard-input: a run stopped at any \
            instant is carried on with 'ldifbulk resume DIR'.
            """)

    @OptionGroup var conversion: ConversionArguments

    @Option(name: .long, help: "The run directory (default: a new ldifbulk-runs/<timestamp>/).")
    var out: String?

    @OptionGroup var chunks: ChunkOptions

    @OptionGroup var upload: UploadOptions

    func validate() throws {
        if conversion.inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("'-' (standard input) can be given only once")
        }
    }

    func run() async throws {
        let directory = out ?? Self.newRunDirectory()
        let started: (job: ConversionJob, lock: RunLock, created: Bool)
        do {
            started = try start(directory)
        } catch {
            throw ExitStatus.report(error).exitCode
        }
        let job = RunJob(
            directory: directory, job: started.job, upload: upload, mapping: conversion.mapping, lock: started.lock,
            createdDirectory: started.created)
        throw try await job.execute().exitCode
    }

    /// Creates and locks the run directory, and records the upload settings and the conversion in it
    /// before converting, so that `ldifbulk resume DIR` can carry on from any instant.
    private func start(_ directory: String) throws -> (job: ConversionJob, lock: RunLock, created: Bool) {
        let manager = FileManager.default
        let created = !manager.fileExists(atPath: directory)
        if manager.fileExists(atPath: "\(directory)/\(ConversionJob.fileName)"),
            !manager.fileExists(atPath: "\(directory)/\(Manifest.fileName)")
        {
            throw ConversionError(
                .output,
                "\(directory) holds a conversion that was interrupted: carry on with: ldifbulk resume \(UploadRunner.shellQuoted(directory)); "
                    + "or choose a new --out directory")
        }
        try RunDirectory.prepare(directory)
        let (lock, _) = try RunLock.acquire(directory: URL(fileURLWithPath: directory))
        do {
            let options = ConversionJob.Options(
                chunkItems: chunks.chunkItems, chunkBytes: chunks.chunkBytes, maxFieldBytes: conversion.maxFieldBytes,
                strict: conversion.strict, maxFindings: conversion.maxFindings)
            let job = try ConversionJob.start(
                mapping: conversion.mapping, inputs: conversion.inputs, directory: directory, options: options,
                tool: LDIFBulk.version)
            // The emulator's address is known only once it runs; resume starts a new one anyway.
            let host =
                upload.emulator ? "" : try upload.resolvedHost(environment: ProcessInfo.processInfo.environment).baseURL
            try upload.settings(host: host).write(directory: URL(fileURLWithPath: directory))
            // Last: a conversion record always comes with its upload settings.
            try job.write(directory: directory)
            return (job, lock, created)
        } catch {
            lock.release()
            RunJob.forget(directory, created: created)
            throw error
        }
    }

    /// The status of the two steps together: interrupted, fatal and failed chunks win over refused rows.
    static func combined(_ conversion: ExitStatus, _ upload: ExitStatus) -> ExitStatus {
        let order: [ExitStatus] = [.interrupted, .usage, .fatal, .chunksFailed, .findings, .success]
        return order.first { $0 == conversion || $0 == upload } ?? upload
    }

    /// `ldifbulk-runs/20261129T081500Z`, in the current directory.
    static func newRunDirectory() -> String {
        "ldifbulk-runs/\(UTCTime.now(compact: true))"
    }
}
