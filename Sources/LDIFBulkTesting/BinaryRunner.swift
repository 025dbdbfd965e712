public import Foundation

/// Runs the built `ldifbulk` executable, as end-to-end tests must.
///
/// Waiting for the child never blocks a thread of Swift's cooperative pool: tests run in parallel on
/// few cores, and an in-process emulator of another test needs those threads to answer.
public struct BinaryRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// The executable next to the test bundle in the build folder.
    public static var executable: String {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("ldifbulk").path, "\(Fixtures.root)/.build/debug/ldifbulk"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return "\(Fixtures.root)/.build/debug/ldifbulk"
    }

    /// Runs `ldifbulk ARGUMENTS` in the package root and waits for it.
    public static func run(
        _ arguments: [String], standardInput: Data? = nil, environment: [String: String] = [:],
        directory: String = Fixtures.root
    ) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        return try await wait(for: process, standardInput: standardInput)
    }

    /// Starts `process` with pipes for its standard streams and waits, without blocking, until it has
    /// exited and both output pipes are read to their end.
    static func wait(for process: Process, standardInput: Data?) async throws -> Result {
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        // Read both pipes on other threads so that a full pipe never blocks the child.
        let outputData = ReadAll(output.fileHandleForReading)
        let errorData = ReadAll(error.fileHandleForReading)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let writer = input.fileHandleForWriting
            DispatchQueue.global().async {
                if let standardInput { try? writer.write(contentsOf: standardInput) }
                try? writer.close()
            }
        }
        return Result(
            status: status, standardOutput: String(decoding: await outputData.value(), as: UTF8.self),
            standardError: String(decoding: await errorData.value(), as: UTF8.self))
    }
}

/// Reads a file handle to its end on a thread of its own (not one of the cooperative pool).
final class ReadAll: @unchecked Sendable {
    private let group = DispatchGroup()
    private var data = Data()

    init(_ handle: FileHandle) {
        group.enter()
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            group.leave()
        }
    }

    func value() async -> Data {
        await withCheckedContinuation { continuation in
            group.notify(queue: .global()) { continuation.resume(returning: self.data) }
        }
    }
}
