/// Holds a conversion to the inputs as they were when it started.
///
/// Later phases read every input again, and the manifest names each input's sha256: a file written to
/// or replaced while the conversion runs would give items of two versions of it under one hash. Each
/// check throws a ``ConversionError`` naming the file, and the conversion then leaves nothing behind.
enum InputGuard {
    /// After a phase: no input changed size or modification time, and no path names another file now.
    static func checkUnchanged(_ files: [InputFile]) throws(ConversionError) {
        for file in files {
            if let change = file.handle?.change() { throw changed(file, change) }
        }
    }

    /// Before a later phase: every input still has the size and sha256 the first phase's hashing found.
    static func checkBeforeLaterPhase(_ files: [InputFile], fingerprints: FingerprintTask) throws(ConversionError) {
        let first = fingerprints.wait()
        for (index, file) in files.enumerated() {
            guard let handle = file.handle, let before = first[index] else { continue }
            guard let now = handle.fingerprint() else {
                throw changed(file, "it can no longer be read")
            }
            if now.0 != before.0 {
                throw changed(file, "it was \(before.0) bytes when the conversion started and is \(now.0) bytes now")
            }
            if now.1 != before.1 {
                throw changed(file, "its content differs from what the first phase read (same size, other sha256)")
            }
        }
    }

    /// At the end: inputs whose size and sha256 were recorded before the conversion (`run`) still have them.
    static func checkKnown(_ files: [InputFile], fingerprints: FingerprintTask, known: [InputFingerprint]?)
        throws(ConversionError)
    {
        guard let known, known.count == files.count else { return }
        let found = fingerprints.wait()
        for (index, file) in files.enumerated() {
            guard let now = found[index] else { continue }
            if now.0 != known[index].bytes || now.1 != known[index].sha256 {
                throw changed(file, "it is not the file recorded when the run started (size or sha256 differ)")
            }
        }
    }

    private static func changed(_ file: InputFile, _ what: String) -> ConversionError {
        ConversionError(
            .input,
            "\(file.name): changed during the conversion: \(what); nothing was written "
                + "(convert again once the file is complete and no longer being written)")
    }
}
