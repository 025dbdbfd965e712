public import Foundation
import LDIFCore

/// The target and options of the last upload of a run directory (`upload.json`), so that
/// `ldifbulk resume DIR` carries on with them; never the token, only where it was read from.
public struct UploadSettings: Sendable, Codable, Equatable {
    public static let fileName = "upload.json"

    /// The host's base URL the runs went to.
    public var host: String
    /// The host was the built-in emulator, started in the uploading process and gone with it.
    public var emulator: Bool
    /// The file the token was read from, when not from the environment.
    public var tokenFile: String?
    public var testRun: Bool
    public var concurrency: Int
    public var maxRequestsPerSecond: Double
    public var runTimeoutSeconds: Double
    public var allowFullChunks: Bool

    public init(
        host: String, emulator: Bool, tokenFile: String?, testRun: Bool, concurrency: Int, maxRequestsPerSecond: Double,
        runTimeoutSeconds: Double, allowFullChunks: Bool
    ) {
        self.host = host
        self.emulator = emulator
        self.tokenFile = tokenFile
        self.testRun = testRun
        self.concurrency = concurrency
        self.maxRequestsPerSecond = maxRequestsPerSecond
        self.runTimeoutSeconds = runTimeoutSeconds
        self.allowFullChunks = allowFullChunks
    }

    /// The settings stored in `directory`, nil when it was never uploaded.
    ///
    /// - Throws: `ConversionError` when the file is there but unreadable.
    public static func read(directory: URL) throws -> UploadSettings? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return nil }
        do {
            return try JSONDecoder().decode(UploadSettings.self, from: data)
        } catch {
            throw ConversionError(
                .input, "\(url.path): not readable upload settings; pass --host to resume", underlying: "\(error)")
        }
    }

    /// Writes the settings into `directory` atomically.
    public func write(directory: URL) throws {
        try RunDirectory.writeAtomically(self, to: directory.appendingPathComponent(Self.fileName).path)
    }
}
