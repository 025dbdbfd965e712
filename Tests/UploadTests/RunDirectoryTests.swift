import Foundation
import LDIFCore
import Testing
import Upload

struct RunDirectoryTests {
    @Test func readsTheManifestAndTheChunkBytesAsWritten() throws {
        let directory = try TemporaryDirectory()
        let manifest = try RunDirectoryFixture().write(
            RunDirectoryFixture.applications(5, chunkSize: 2), into: directory.url)
        let run = try UploadDirectory(url: directory.url)
        #expect(run.manifest == manifest)
        let chunk = try #require(run.manifest.chunks.last)
        let bytes = try run.bytes(of: chunk)
        #expect(bytes == (try Data(contentsOf: directory.url.appendingPathComponent(chunk.file))))
        #expect(try run.itemSources(of: chunk).map(\.id) == ["APP-5"])
    }

    @Test func aChangedChunkIsRefusedBeforeItIsSent() throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")]], into: directory.url)
        let file = directory.url.appendingPathComponent("chunk-0001.json")
        var bytes = try Data(contentsOf: file)
        bytes[bytes.count - 3] = UInt8(ascii: "x")
        try bytes.write(to: file)
        let run = try UploadDirectory(url: directory.url)
        let error = #expect(throws: ConversionError.self) { try run.bytes(of: run.manifest.chunks[0]) }
        #expect(error?.message.contains("changed since convert") == true)
    }

    @Test func aMissingChunkFileIsNamed() throws {
        let directory = try TemporaryDirectory()
        try RunDirectoryFixture().write([[.init(id: "A")], [.init(id: "B")]], into: directory.url)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("chunk-0002.json"))
        let error = #expect(throws: ConversionError.self) { try UploadDirectory(url: directory.url) }
        #expect(error?.message.contains("chunk-0002.json") == true)
    }

    @Test func aDirectoryWithoutManifestSaysWhatToGive() throws {
        let directory = try TemporaryDirectory()
        let error = #expect(throws: ConversionError.self) { try UploadDirectory(url: directory.url) }
        #expect(error?.message.contains("convert --out") == true)
    }
}

struct RunLockTests {
    @Test func aSecondUploadOfTheSameDirectoryIsRefused() throws {
        let directory = try TemporaryDirectory()
        let (lock, stale) = try RunLock.acquire(directory: directory.url)
        #expect(stale == nil)
        let error = #expect(throws: ConversionError.self) { try RunLock.acquire(directory: directory.url) }
        #expect(error?.message.contains("process \(getpid())") == true)
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: lock.path))
        _ = try RunLock.acquire(directory: directory.url)
    }

    @Test func theLockOfADeadProcessIsTakenOver() throws {
        let directory = try TemporaryDirectory()
        // A child that has exited and been reaped: its pid names no process.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        try Data("\(dead)\n".utf8).write(to: directory.url.appendingPathComponent(RunLock.fileName))
        let (lock, stale) = try RunLock.acquire(directory: directory.url)
        #expect(stale == dead)
        #expect(try String(contentsOfFile: lock.path, encoding: .utf8) == "\(getpid())\n")
    }

    /// A SIGKILLed uploader whose parent has not reaped it still answers signal 0; its lock is stale all the same.
    @Test func theLockOfAnUnreapedKilledProcessIsTakenOver() throws {
        let directory = try TemporaryDirectory()
        var pid: pid_t = 0
        let arguments: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("30"), nil]
        defer { for argument in arguments { free(argument) } }
        try #require(posix_spawn(&pid, "/bin/sleep", nil, nil, arguments, environ) == 0)
        kill(pid, SIGKILL)
        // Left unreaped until the lock has been judged, so the pid stays a zombie.
        defer { waitpid(pid, nil, 0) }
        for _ in 0..<500
        where !((try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? "").contains(") Z") {
            usleep(2000)
        }
        try Data("\(pid)\n".utf8).write(to: directory.url.appendingPathComponent(RunLock.fileName))
        let (_, stale) = try RunLock.acquire(directory: directory.url)
        #expect(stale == pid)
    }
}
