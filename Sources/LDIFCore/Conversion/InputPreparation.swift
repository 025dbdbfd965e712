import Crypto
import Foundation

/// Turns the command line's input names into files read exactly once each way they are needed.
///
/// A regular file is opened here, once, and every later read goes through that open file (see
/// ``InputHandle``). Anything else (`-`, a pipe such as `<(cat x.csv)` or `/dev/stdin`, a named FIFO,
/// a character device) can be read only once, but a conversion reads its inputs once per phase:
/// it is copied to a temporary file first, which the conversion removes when it ends.
enum InputPreparation {
    static func prepare(_ names: [String], spoolDirectory: String, progress: ConversionProgress? = nil)
        throws(ConversionError) -> [InputFile]
    {
        guard !names.isEmpty else { throw ConversionError(.usage, "no input file given") }
        var inputs: [InputFile] = []
        // A failure half-way removes the copies already made.
        var done = false
        defer { if !done { for input in inputs where input.spooled { unlink(input.path) } } }
        for name in names {
            var regular = false
            if name != "-" { regular = try isRegularFile(name) }
            if !regular {
                let path = temporaryPath(in: spoolDirectory)
                var input = InputFile(name: name, path: path)
                input.spooled = true
                if name == "-" { try spoolStandardInput(to: path) } else { try spool(name, to: path) }
                input.handle = try InputHandle(path: path, name: name, progress: progress)
                inputs.append(input)
                continue
            }
            inputs.append(
                InputFile(name: name, path: name, handle: try InputHandle(path: name, name: name, progress: progress)))
        }
        done = true
        return inputs
    }

    /// Checks and opens files named and located by the caller (`run` reading a recorded conversion's inputs again).
    static func check(_ files: [InputFile], progress: ConversionProgress? = nil) throws(ConversionError) -> [InputFile]
    {
        guard !files.isEmpty else { throw ConversionError(.usage, "no input file given") }
        var opened: [InputFile] = []
        for file in files {
            try checkReadable(file.path, name: file.name)
            var file = file
            if file.handle == nil {
                file.handle = try InputHandle(path: file.path, name: file.name, progress: progress)
            }
            opened.append(file)
        }
        return opened
    }

    /// Whether `path` names a regular file (following links), after the checks a user should see.
    ///
    /// - Throws: ``ConversionError`` when it does not exist, is a directory or cannot be read.
    static func isRegularFile(_ path: String, name: String? = nil) throws(ConversionError) -> Bool {
        try checkReadable(path, name: name)
        var info = stat()
        guard stat(path, &info) == 0 else { throw ConversionError.io("read", path: name ?? path, errno: errno) }
        return (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Throws the error a user should see when `path` is not a readable file.
    static func checkReadable(_ path: String, name: String? = nil) throws(ConversionError) {
        let name = name ?? path
        let shown = name == path ? name : "\(name) (\(path))"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ConversionError(
                .input, "\(shown): no such file (check the path; inputs are read relative to the current directory)")
        }
        if isDirectory.boolValue { throw ConversionError(.input, "\(shown): is a directory, not an input file") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ConversionError(.input, "\(shown): permission denied")
        }
    }

    static func temporaryPath(in directory: String) -> String {
        "\(directory)/ldifbulk-input-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Copies what the pipe, FIFO or device at `name` gives, up to its end, into `path`; `sync` forces
    /// it to disk.
    static func spool(_ name: String, to path: String, sync: Bool = false) throws(ConversionError) {
        let source = open(name, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { throw ConversionError.io("open", path: name, errno: errno) }
        defer { close(source) }
        try copy(from: source, named: name, to: path, sync: sync)
    }

    static func spoolStandardInput(into directory: String) throws(ConversionError) -> String {
        let path = temporaryPath(in: directory)
        try spoolStandardInput(to: path)
        return path
    }

    /// Copies standard input into `path`; `sync` forces it to disk (a record of it is written next).
    static func spoolStandardInput(to path: String, sync: Bool = false) throws(ConversionError) {
        try copy(from: STDIN_FILENO, named: "standard input", to: path, sync: sync)
    }

    private static func copy(from source: Int32, named name: String, to path: String, sync: Bool)
        throws(ConversionError)
    {
        let output = try FileOutput(path: path)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        do throws(ConversionError) {
            while true {
                let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw ConversionError.io("read", path: name, errno: errno)
                }
                if count == 0 { break }
                try output.write(buffer[0..<count])
            }
            try output.close(sync: sync)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Size and sha256 of a file, for the manifest (resume checks that inputs are unchanged).
    static func fingerprint(_ path: String) -> (Int64, String)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var total: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            total += Int64(count)
            hasher.update(data: buffer[0..<count])
        }
        return (total, hasher.finalize().map { String($0, radix: 16).leftPadded(2) }.joined())
    }
}

extension InputFile {
    /// Prepares the input a user named for reading, as a conversion does: a regular file opened once,
    /// anything else (`-`, a pipe, a FIFO) copied to a temporary file that ``removeCopy()`` removes.
    ///
    /// - Throws: ``ConversionError`` naming the input when it cannot be read.
    public static func prepared(_ name: String) throws(ConversionError) -> InputFile {
        try InputPreparation.prepare([name], spoolDirectory: NSTemporaryDirectory())[0]
    }

    /// Removes the temporary copy of a prepared pipe or standard input; nothing for a file read in place.
    public func removeCopy() {
        if spooled { unlink(path) }
    }
}
