import Emulator
import Foundation
import IntegrationAPI
import LDIFCore
import Upload

/// Uploads run directories to an emulator started in the test, over real loopback HTTP.
enum EmulatorHarness {
    /// Fast runs (50 ms + 1 ms per item), no faults.
    static func options(_ change: (inout EmulatorOptions) -> Void = { _ in }) -> EmulatorOptions {
        var options = EmulatorOptions()
        options.runMs = 50
        options.itemMs = 1
        change(&options)
        return options
    }

    /// Retries in milliseconds and no request budget to speak of, so tests wait only for the emulator.
    static func clientConfiguration(clock: any APIClock = SystemClock(), renewBefore: Duration = .seconds(60))
        -> IntegrationClient.Configuration
    {
        IntegrationClient.Configuration(
            clock: clock, random: .constant(0.5),
            retryPolicy: RetryPolicy(backoff: Backoff(initial: .milliseconds(5), cap: .milliseconds(100))),
            requestsPerSecond: 1000, requestTimeout: .seconds(30), renewBefore: renewBefore,
            connectTimeout: .milliseconds(300))
    }

    static func uploadConfiguration(_ directory: URL, _ emulator: RunningEmulator) -> UploadConfiguration {
        UploadConfiguration(
            directory: directory, target: emulator.baseURL,
            pollSchedule: PollSchedule(minimum: .milliseconds(20), maximum: .milliseconds(200)),
            maxRequestsPerSecond: 1000)
    }

    /// Runs the client against `emulator` for the length of `body`.
    static func withClient<T>(
        _ emulator: RunningEmulator, configuration: IntegrationClient.Configuration = clientConfiguration(),
        _ body: (IntegrationClient) async throws -> T
    ) async throws -> T {
        try await IntegrationClient.withClient(
            host: try APIHost(emulator.baseURL), apiToken: APIToken(emulator.apiToken)!, configuration: configuration,
            body)
    }

    /// Uploads `directory` to `emulator`.
    static func upload(
        _ directory: URL, to emulator: RunningEmulator, client: IntegrationClient.Configuration = clientConfiguration(),
        observer: (any UploadObserver)? = nil, _ change: (inout UploadConfiguration) -> Void = { _ in }
    ) async throws -> Uploader.Result {
        var configuration = uploadConfiguration(directory, emulator)
        change(&configuration)
        return try await withClient(emulator, configuration: client) { client in
            try await Uploader(configuration: configuration, client: client, observer: observer).run()
        }
    }
}

extension UploadReport {
    var verdicts: [ChunkVerdict?] { chunks.map(\.verdict) }
}

extension EmulatorState {
    /// Runs created per chunk key, in key order: 1 everywhere means nothing was created twice.
    func runsPerKey(_ manifest: LDIFCore.Manifest) -> [Int] {
        manifest.chunks.map { chunk in runs.filter { ($0.description ?? "").contains(chunk.key) }.count }
    }
}
