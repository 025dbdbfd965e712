import Foundation
import LDIFBulkTesting
import LDIFCore
import Testing

/// Ctrl-C while `ldifbulk run` converts: exit 130 at once, the resume command printed, the record kept.
struct RunInterruptTests {
    @Test func ctrlCWhileConvertingExits130AndNamesTheResumeCommand() async throws {
        // The mapping's lookup table is a FIFO: loading the mapping, the first step of the conversion, waits
        // on it for as long as the test likes, so the interrupt surely comes while converting.
        let work = try ResumeConversionTests.Work(rows: 3, lookup: "names.fifo")
        let fifo = work.directory.url.appendingPathComponent("names.fifo").path
        try #require(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.executable)
        process.arguments = [
            "run", "--mapping", work.mapping.path, "--out", work.run.path, "--host", "http://127.0.0.1:9",
            work.input.path,
        ]
        let standardError = Pipe()
        process.standardError = standardError
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // A writer can open the FIFO without waiting only once the conversion has opened it for reading.
        var writer: Int32 = -1
        for _ in 0..<4000 where process.isRunning {
            writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(writer >= 0, "the conversion never opened the lookup table")
        defer { close(writer) }
        process.interrupt()
        let status = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        let printed = String(decoding: standardError.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(status == 130 && process.terminationReason == .exit, "\(printed)")
        #expect(
            printed.contains("interrupted while converting: carry on with: ldifbulk resume \(work.run.path)"),
            "\(printed)")
        let run = work.run.path
        #expect(FileManager.default.fileExists(atPath: "\(run)/\(ConversionJob.fileName)"))
        #expect(!FileManager.default.fileExists(atPath: "\(run)/\(Manifest.fileName)"))
    }
}
