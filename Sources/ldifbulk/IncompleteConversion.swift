import Foundation
import LDIFCore
import Upload

/// `convert --out DIR` stopped halfway (Ctrl-C, a kill): the next `convert --out DIR` starts over.
///
/// While the conversion writes, `DIR/convert.incomplete` says that the chunk
/// files beside it are this command's own and unfinished. A conversion that
/// ends (well or not) removes it; one that is stopped leaves it, and the next
/// `convert --out DIR` removes the partial chunks and findings it marks
/// before converting. A directory without the marker is never cleared, and
/// the directory's lock (`upload.lock`) keeps a second process out meanwhile.
enum IncompleteConversion {
    static let markerName = "convert.incomplete"

    /// Runs `conversion` into `directory` with the marker in place; Ctrl-C prints what to do and exits 130.
    static func converting(into directory: String, _ conversion: ConversionRun) -> ExitStatus {
        var isDirectory: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory)
        if existed, !isDirectory.boolValue {
            return ExitStatus.report(ConversionError(.output, "\(directory) exists and is not a directory"))
        }
        let created = existed ? [] : missingDirectories(directory)
        let lock: RunLock
        do {
            // Locked first: another convert or upload at work in the directory is not a stopped one.
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            (lock, _) = try RunLock.acquire(directory: URL(fileURLWithPath: directory))
        } catch let error as ConversionError {
            return ExitStatus.report(error)
        } catch {
            return ExitStatus.report(ConversionError(.output, "cannot create directory \(directory): \(error)"))
        }
        defer {
            lock.release()
            // Only empty ones go: after a failure before anything was written, nothing new is left behind.
            for path in created { rmdir(path) }
        }
        do {
            try reclaim(directory)
        } catch {
            return ExitStatus.report(error)
        }
        var conversion = conversion
        let earlier = conversion.planLoaded
        conversion.planLoaded = { plan in
            try earlier?(plan)
            try mark(directory)
        }
        let notice =
            "interrupted: \(directory) holds an incomplete conversion; the same 'ldifbulk convert ... --out "
            + "\(directory)' clears it and starts over"
        let status = InterruptSignal.exiting(notice) { conversion.execute() }
        // Finished, or failed and cleaned up by the converter: nothing partial is left to mark.
        unlink("\(directory)/\(markerName)")
        return status
    }

    /// `directory` and those of its ancestors that do not exist yet, innermost first.
    private static func missingDirectories(_ directory: String) -> [String] {
        var missing: [String] = []
        var path = (directory as NSString).standardizingPath
        while !path.isEmpty, path != "/", !FileManager.default.fileExists(atPath: path) {
            missing.append(path)
            path = (path as NSString).deletingLastPathComponent
        }
        return missing
    }

    /// Removes what a stopped `convert` left in `directory`, when its marker says it was one.
    static func reclaim(_ directory: String) throws {
        let marker = "\(directory)/\(markerName)"
        guard FileManager.default.fileExists(atPath: marker) else { return }
        if !FileManager.default.fileExists(atPath: "\(directory)/\(Manifest.fileName)") {
            let removed = try RunDirectory.removePartialConversion(directory)
            Terminal.error(
                "note: \(directory) held an incomplete conversion (\(markerName)): removed its \(removed.count) "
                    + "file\(removed.count == 1 ? "" : "s") and converting again")
        }
        unlink(marker)
    }

    /// Creates `directory` (or checks it holds no conversion) and puts the marker in it, synced, before any chunk.
    static func mark(_ directory: String) throws {
        try RunDirectory.prepare(directory)
        let output = try FileOutput(path: "\(directory)/\(markerName)")
        try output.write(
            "ldifbulk convert is writing this directory; if this file is left, the conversion was stopped "
                + "halfway: run the same convert command to start over\n")
        try output.close(sync: true)
    }
}
