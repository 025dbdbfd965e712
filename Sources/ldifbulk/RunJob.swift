import Foundation
import LDIFCore
import Upload

/// The conversion and upload of `ldifbulk run`, from its recorded job; `resume` carries on with it
/// when the conversion was interrupted.
struct RunJob {
    var directory: String
    var job: ConversionJob
    var upload: UploadOptions
    /// The mapping to load: as named when `run` starts, by its recorded path when `resume` does it again.
    var mapping: String
    /// Held while converting, so that no other process converts or uploads the directory meanwhile.
    var lock: RunLock
    /// Whether `run` created the directory (removed again when the conversion fails for good).
    var createdDirectory = false

    /// Converts, then uploads, and gives the status of both together.
    ///
    /// Ctrl-C while converting exits 130 at once with the resume command. A conversion that fails for
    /// good forgets the job, so that the directory holds nothing to resume, as before `run`.
    func execute() async throws -> ExitStatus {
        var conversion = ConversionRun(job: job, directory: directory)
        conversion.mapping = mapping
        conversion.planLoaded = { [job, directory] plan in
            try job.withLookups(plan.lookupFiles).write(directory: directory)
        }
        let resume = "ldifbulk resume \(UploadRunner.shellQuoted(directory))"
        let converted = InterruptSignal.exiting("interrupted while converting: carry on with: \(resume)") {
            conversion.execute()
        }
        lock.release()
        guard converted == .success || converted == .findings else {
            Self.forget(directory, created: createdDirectory)
            return converted
        }
        Terminal.error("uploading \(directory)")
        let uploaded = try await UploadRunner(directory: directory, options: upload).run()
        return RunCommand.combined(converted, uploaded)
    }

    /// Removes the job's record, upload settings and copies of standard input and pipes; and the directory
    /// when it was created for the job and is empty now.
    static func forget(_ directory: String, created: Bool) {
        let prefix = ConversionJob.spooledInputPrefix
        let copies = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).isEmpty
                && $0.dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
        for name in [ConversionJob.fileName, UploadSettings.fileName, ConversionJob.standardInputName] + copies {
            unlink("\(directory)/\(name)")
        }
        if created { rmdir(directory) }
    }
}
