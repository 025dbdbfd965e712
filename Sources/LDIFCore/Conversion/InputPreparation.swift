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
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
                throw ConversionError(
                    .input, "\(name): no such file (check the path; inputs are read relative to the current directory)")
            }
            if isDirectory.boolValue { throw ConversionError(.input, "\(name): is a directory, not an input file") }
            guard FileManager.default.isReadableFile(atPath: name) else {
                throw ConversionError(.input, "\(name): permission denied")
            }
            inputs.append(InputFile(name: name, path: name))
        }
        return inputs
    }

    static func spoolStandardInput(into directory: String) throws(ConversionError) -> String {
        let path = "\(directory)/ldifbulk-stdin-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
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
        try output.close()
        return path
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
