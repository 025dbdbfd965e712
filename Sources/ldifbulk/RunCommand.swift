import ArgumentParser
import Foundation
import LDIFCore

/// `ldifbulk run`: convert into a run directory, then upload it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Convert inputs into a run directory, then upload every chunk (convert + upload).",
        discussion: """
            Conversion finishes first, so that every chunk has its final bytes and checks before anything \
            is sent; the run directory can then be inspected, and the upload carried on with \
            'ldifbulk upload DIR'. Rows rejected by convert stay out of the upload and go to errors.csv.
            """)

    @OptionGroup var conversion: ConversionArguments

    @Option(name: .long, help: "The run directory (default: a new ldifbulk-runs/<timestamp>/).")
    var out: String?

    @Option(name: .long, help: "At most this many items per chunk.")
    var chunkItems = 5000

    @Option(name: .long, help: "At most this many bytes per chunk file (unless one item alone is larger).")
    var chunkBytes = 10 << 20

    @OptionGroup var upload: UploadOptions

    func validate() throws {
        if chunkItems < 1 { throw ValidationError("--chunk-items must be at least 1") }
        if chunkBytes < 1024 { throw ValidationError("--chunk-bytes must be at least 1024") }
    }

    func run() async throws {
        let directory = out ?? Self.newRunDirectory()
        var options = ConversionOptions(
            output: .directory(directory), mappingName: conversion.mapping, toolVersion: LDIFBulk.version)
        options.limits = ChunkLimits(items: chunkItems, bytes: chunkBytes)
        let converted = ConversionRun(arguments: conversion, options: options).execute()
        guard converted == .success || converted == .findings else { throw converted.exitCode }
        Terminal.error("uploading \(directory)")
        let uploaded = try await UploadRunner(directory: directory, options: upload).run()
        throw Self.combined(converted, uploaded).exitCode
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
