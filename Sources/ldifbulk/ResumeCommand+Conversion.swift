import Foundation
import LDIFCore
import Upload

extension ResumeCommand {
    /// Carries on a `run` killed while converting: converts again from the recorded inputs when none of them
    /// changed, then uploads as `run` would; refuses, naming each changed file, when any did.
    func convertAgain(_ job: ConversionJob) async throws -> ExitStatus {
        let url = URL(fileURLWithPath: directory)
        let changes = job.changes()
        guard changes.isEmpty else {
            for message in changes { Terminal.error("ldifbulk: \(message)") }
            let count =
                changes.count == 1
                ? "1 file it reads changed or is gone" : "\(changes.count) files it reads changed or are gone"
            Terminal.error(
                "ldifbulk: not resuming: the conversion into \(directory) was interrupted, and \(count) since it "
                    + "started; start a new 'ldifbulk run' (into a new directory)")
            return .fatal
        }
        let options = try uploadOptions(try UploadSettings.read(directory: url), converting: true)
        let lock: RunLock
        do {
            lock = try RunLock.acquire(directory: url).lock
            let removed = try RunDirectory.removePartialConversion(directory)
            Terminal.error(
                "note: the conversion into \(directory) was interrupted (\(removed.count) partial file"
                    + "\(removed.count == 1 ? "" : "s") removed); converting again from the unchanged inputs, "
                    + "conversion id \(job.conversionId)")
        } catch {
            return ExitStatus.report(error)
        }
        return try await RunJob(
            directory: directory, job: job, upload: options, mapping: job.mapping.path, lock: lock
        ).execute()
    }
}
