import Foundation
import LDIFBulkTesting
import Testing

/// Ctrl-C during `convert --out DIR`: exit 130, and the same command then converts into DIR.
struct ConvertInterruptTests {
    /// Runs `arguments`, sends SIGINT once the first chunk file is there, and returns status and stderr.
    func interrupted(_ arguments: [String], watching directory: String) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Fixtures.root)
        let standardError = Pipe()
        process.standardError = standardError
        process.standardOutput = FileHandle.nullDevice
        let printed = ReadPipe(standardError.fileHandleForReading)
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var started = false
        for _ in 0..<6000 where process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            started = names.contains { $0.hasPrefix("chunk-0002") }
            if started { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        try #require(started && process.isRunning, "the conversion ended before it could be interrupted")
        process.interrupt()
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        return (status, await printed.text())
    }

    @Test func ctrlCExits130AndTheSameCommandConvertsAgain() async throws {
        let work = try Fixtures.temporaryDirectory("convert-interrupt")
        let input = "\(work)/apps.csv"
        var rows = "id,name,description,owner_id,status,annual_cost,active,go_live,tags,crit,depends_on,plan\n"
        for index in 0..<150_000 {
            rows += "A-\(index),App \(index),An application,u1,active,100,yes,01.03.2019,hr,1,,\n"
        }
        try Data(rows.utf8).write(to: URL(fileURLWithPath: input))
        let out = "\(work)/run"
        let arguments = [
            "convert", "--mapping", "mappings/applications.yaml", "--out", out, "--chunk-items", "200", input,
        ]
        let (status, printed) = try await interrupted(arguments, watching: out)
        #expect(status == 130, "\(printed)")
        #expect(printed.contains("interrupted: \(out) holds an incomplete conversion"), "\(printed)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/convert.incomplete"))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/manifest.json"))
        let again = try await BinaryRunner.run(arguments)
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardError.contains("note: \(out) held an incomplete conversion"), "\(again.standardError)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/manifest.json"))
        #expect(!FileManager.default.fileExists(atPath: "\(out)/convert.incomplete"))
        // A finished directory is still refused, as before.
        let third = try await BinaryRunner.run(arguments)
        #expect(
            third.status == 1 && third.standardError.contains("already holds a conversion"), "\(third.standardError)")
    }
}

extension ConvertInterruptTests {
    @Test func aDirectoryAnotherProcessWorksInIsNotClearedButRefused() async throws {
        let out = try Fixtures.temporaryDirectory("convert-locked")
        // What a stopped convert leaves, but a live process (this one) holds the lock.
        try Data("partial".utf8).write(to: URL(fileURLWithPath: "\(out)/chunk-0001.json"))
        try Data().write(to: URL(fileURLWithPath: "\(out)/convert.incomplete"))
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: "\(out)/upload.lock"))
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "mappings/applications.yaml", "--out", out, "fixtures/applications.csv",
        ])
        #expect(result.status == 1 && result.standardError.contains("is in use by process \(getpid())"))
        #expect(FileManager.default.fileExists(atPath: "\(out)/chunk-0001.json"))
    }

    @Test func aConversionThatFailsBeforeWritingLeavesNoDirectoryBehind() async throws {
        let work = try Fixtures.temporaryDirectory("convert-nothing")
        let result = try await BinaryRunner.run([
            "convert", "--mapping", "\(work)/missing.yaml", "--out", "\(work)/new/run", "fixtures/applications.csv",
        ])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "\(work)/new"))
    }
}

/// Reads a pipe to its end off the caller's thread, so that a chatty child never blocks on it.
final class ReadPipe: Sendable {
    private let task: Task<Data, Never>

    init(_ handle: FileHandle) {
        task = Task.detached { handle.readDataToEndOfFile() }
    }

    func text() async -> String {
        String(decoding: await task.value, as: UTF8.self)
    }
}
