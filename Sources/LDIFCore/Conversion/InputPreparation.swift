import Crypto
import Foundation

/// Turns the command line's input names into readable files: `-` is spooled
/// to a temporary file (it may have to be read once per phase).
enum InputPreparation {
    static func prepare(_ names: [String], spoolDirectory: String) throws(ConversionError) -> [InputFile] {
        guard !names.isEmpty else { throw ConversionError(.usage, "no input file given") }
        var inputs: [InputFile] = []
        for name in names {
            if name == "-" {
                inputs.append(InputFile(name: name, path: try spoolStandardInput(into: spoolDirectory)))
                continue
            }
            try checkReadable(name)
            inputs.append(InputFile(name: name, path: name))
        }
        return inputs
    }

    /// Checks files named and located by the caller (`run` reading a recorded conversion's inputs again).
    static func check(_ files: [InputFile]) throws(ConversionError) -> [InputFile] {
        guard !files.isEmpty else { throw ConversionError(.usage, "no input file given") }
        for file in files { try checkReadable(file.path, name: file.name) }
        return files
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

    static func spoolStandardInput(into directory: String) throws(ConversionError) -> String {
        let path = "\(directory)/ldifbulk-stdin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try spoolStandardInput(to: path)
        return path
    }

    /// Copies standard input into `path`; `sync` forces it to disk (a record of it is written next).
    static func spoolStandardInput(to path: String, sync: Bool = false) throws(ConversionError) {
        let output = try FileOutput(path: path)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ConversionError.io("read", path: "standard input", errno: errno)
            }
            if count == 0 { break }
            try output.write(buffer[0..<count])
        }
        try output.close(sync: sync)
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
