public import Foundation

/// Runs a bash script against the built `ldifbulk`, for what only a shell can set up: redirections to
/// `/dev/full`, closed descriptors, process substitution, FIFOs and pipes into `head`.
///
/// The script finds the binary in `$LDIFBULK` and runs in the package root.
public enum ShellRunner {
    /// Runs `script` with `bash -c` and waits for it.
    public static func run(_ script: String, environment: [String: String] = [:]) throws -> BinaryRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        var merged = ProcessInfo.processInfo.environment
        merged["LDIFBULK"] = BinaryRunner.executable
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(error.fileHandleForReading)
        process.waitUntilExit()
        return BinaryRunner.Result(
            status: process.terminationStatus, standardOutput: String(decoding: outputData.wait(), as: UTF8.self),
            standardError: String(decoding: errorData.wait(), as: UTF8.self))
    }
}
