import BoundedRegex
import Foundation

/// Everything that shapes an emulator: its credentials, its timing, the rules
/// that refuse items and the faults it injects.
public struct EmulatorOptions: Sendable {
    /// The API token that the token exchange accepts. A local test credential.
    public var apiToken: String
    /// The workspace id put into access tokens and checked against `lxWorkspace`.
    public var workspaceId: String
    /// Fixed time a started run takes: half of it PENDING, half IN_PROGRESS.
    public var runMs: Double
    /// Extra IN_PROGRESS time per content item.
    public var itemMs: Double
    /// Items whose id matches end as ERROR warnings (the run still finishes).
    public var rejectIdPattern: String?
    /// A run holding an item whose id matches ends FAILED (the poison item).
    public var failIdPattern: String?
    /// Probabilities of injected faults.
    public var faults: FaultRates
    /// Seed of the fault draws: the same seed and the same request order give
    /// the same faults.
    public var seed: UInt64
    /// Lifetime of access tokens in seconds.
    public var tokenTTL: Int
    /// Largest request body accepted; larger ones answer 413.
    public var maxBody: Int
    /// Requests a second accepted before answering 429; nil means no limit.
    public var rps: Int?
    /// Address to listen on; loopback unless the user asks otherwise.
    public var host: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int

    /// Options for a quiet, fast, fault-free emulator on a free loopback port.
    ///
    /// - Parameters:
    ///   - apiToken: the accepted API token; a random one when nil.
    ///   - workspaceId: the workspace id; a random UUID when nil.
    public init(apiToken: String? = nil, workspaceId: String? = nil) {
        self.apiToken = apiToken ?? Self.randomToken()
        self.workspaceId = workspaceId ?? UUID().uuidString.lowercased()
        self.runMs = 200
        self.itemMs = 1
        self.rejectIdPattern = nil
        self.failIdPattern = nil
        self.faults = FaultRates()
        self.seed = 1
        self.tokenTTL = 3599
        self.maxBody = 64 * 1024 * 1024
        self.rps = nil
        self.host = "127.0.0.1"
        self.port = 0
    }

    /// Checks the options before a server starts on them.
    ///
    /// - Throws: ``EmulatorError`` naming the option and what to do.
    public func validate() throws {
        if apiToken.isEmpty { throw EmulatorError("the API token is empty: give one, or let the emulator make one") }
        let day = 86_400_000.0
        if !(0...day).contains(runMs) || !(0...day).contains(itemMs) {
            throw EmulatorError("--run-ms and --item-ms must be from 0 to \(Int(day)) (a day)")
        }
        if !(1...31_536_000).contains(tokenTTL) {
            throw EmulatorError("--token-ttl must be from 1 to 31536000 seconds")
        }
        if !(1...(1 << 40)).contains(maxBody) { throw EmulatorError("--max-body must be from 1 byte to 1 TiB") }
        if let rps, !(1...1_000_000).contains(rps) { throw EmulatorError("--rps must be from 1 to 1000000") }
        if !(0...65535).contains(port) { throw EmulatorError("--port must be 0 to 65535") }
        for (name, pattern) in [("--reject-id", rejectIdPattern), ("--fail-id", failIdPattern)] {
            guard let pattern else { continue }
            do { _ = try BoundedRegex(pattern) } catch {
                throw EmulatorError("\(name) '\(pattern)' is not a valid regular expression: \(error)")
            }
        }
    }

    /// A random URL-safe token of 40 characters.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<30).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64URL.encode(bytes)
    }
}

/// A problem with the emulator's options or startup.
public struct EmulatorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and what to do.
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
