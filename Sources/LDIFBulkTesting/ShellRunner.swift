import Foundation

/// Runs a bash script against the built `ldifbulk`, for what only a shell can set up: redirections to
/// `/dev/full`, closed descriptors, process substitution, FIFOs and pipes into `head`.
///
/// The script finds the binary in `$LDIFBULK` and runs in the package root.
public enum ShellRunner {
    /// Runs `script` with `bash -c` and waits for it (without blocking a thread).
    public static func run(_ script: String, environment: [String: String] = [:]) async throws -> BinaryRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        var merged = ProcessInfo.processInfo.environment
        merged["LDIFBULK"] = BinaryRunner.executable
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        return try await BinaryRunner.wait(for: process, standardInput: nil)
    }
}
