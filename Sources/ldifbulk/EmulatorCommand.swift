import ArgumentParser
import Emulator
import Foundation

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run a local emulator of the LeanIX Integration API, for trials and tests.",
        discussion: """
            Serves the token exchange and the synchronization run calls on 127.0.0.1 (never on other \
            interfaces unless --bind says so) until interrupted. Prints the base URL and the API token to \
            use: the token is a local test credential, generated unless --api-token gives one. \
            GET /emulator/state shows every run and every delivered item.
            """
    )

    @Option(name: .long, help: "Port to listen on; 0 picks a free one.")
    var port = 8080

    @Option(name: .long, help: "Address to listen on.")
    var bind = "127.0.0.1"

    @Option(name: .customLong("api-token"), help: "The API token to accept (default: a generated one, printed).")
    var apiToken: String?

    @Option(name: .customLong("workspace-id"), help: "The workspace id inside access tokens (default: a random UUID).")
    var workspaceId: String?

    @Option(
        name: .customLong("run-ms"),
        help: "Time a started run takes besides its items, in ms (half PENDING, half IN_PROGRESS).")
    var runMs: Double = 200

    @Option(name: .customLong("item-ms"), help: "IN_PROGRESS time per content item, in ms.")
    var itemMs: Double = 1

    @Option(
        name: .customLong("reject-id"), help: "Items whose id matches this regular expression end as ERROR warnings.")
    var rejectId: String?

    @Option(
        name: .customLong("fail-id"),
        help: "A run holding an item whose id matches this regular expression ends FAILED.")
    var failId: String?

    @Option(
        name: .long,
        help:
            "Fault probabilities, e.g. 429=0.1,429bare=0.05,503=0.05,lost=0.02,reset=0.01,fail=0.05 (429bare: no Retry-After)."
    )
    var faults: String?

    @Option(name: .long, help: "Seed of the fault draws: the same seed and request order give the same faults.")
    var seed: UInt64 = 1

    @Option(name: .customLong("token-ttl"), help: "Lifetime of access tokens, in seconds.")
    var tokenTTL = 3599

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes; larger ones answer 413.")
    var maxBody = 64 * 1024 * 1024

    @Option(name: .long, help: "Requests a second accepted before answering 429 (default: no limit).")
    var rps: Int?

    func run() async throws {
        do {
            let options = try makeOptions()
            try await EmulatorServer.runUntilSignalled(options) { emulator in
                // The banner is for people and scripts that read it; a server whose standard output is
                // gone still serves.
                try? Terminal.output("emulator listening on \(emulator.baseURL)")
                try? Terminal.output("API token (local test credential): \(emulator.apiToken)")
                try? Terminal.output("workspace id: \(emulator.workspaceId)")
                try? Terminal.output("state: \(emulator.baseURL)/emulator/state")
                Terminal.error("press Ctrl-C to stop")
            }
        } catch let error as EmulatorError {
            Terminal.error("ldifbulk emulator: \(error.message)")
            throw ExitStatus.usage.exitCode
        } catch {
            Terminal.error("ldifbulk emulator: cannot serve on \(bind):\(port): \(error)")
            throw ExitStatus.fatal.exitCode
        }
    }

    private func makeOptions() throws -> EmulatorOptions {
        var options = EmulatorOptions(apiToken: apiToken, workspaceId: workspaceId)
        options.host = bind
        options.port = port
        options.runMs = runMs
        options.itemMs = itemMs
        options.rejectIdPattern = rejectId
        options.failIdPattern = failId
        if let faults { options.faults = try FaultRates(parsing: faults) }
        options.seed = seed
        options.tokenTTL = tokenTTL
        options.maxBody = maxBody
        options.rps = rps
        try options.validate()
        return options
    }
}
