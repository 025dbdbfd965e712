import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// Starts the emulator as a real HTTP server, with a structured lifetime.
public enum EmulatorServer {
    /// Runs an emulator for the duration of `body`, for tests.
    ///
    /// The server runs in a child task, binds `options.host:options.port`
    /// (use port 0 for a free one), and `body` gets the bound address. The
    /// server shuts down when `body` returns and when it throws.
    ///
    /// ```swift
    /// try await EmulatorServer.withRunningEmulator(EmulatorOptions()) { emulator in
    ///     // talk to emulator.baseURL with emulator.apiToken
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - options: the emulator's options.
    ///   - clock: the source of time; pass a ``ManualEmulatorClock`` to drive runs by hand.
    ///   - body: what to do while the emulator listens.
    /// - Returns: what `body` returns.
    /// - Throws: ``EmulatorError`` for invalid options or when the server
    ///   cannot listen, and whatever `body` throws.
    public static func withRunningEmulator<T>(
        _ options: EmulatorOptions, clock: any EmulatorClock = SystemEmulatorClock(),
        _ body: (RunningEmulator) async throws -> T
    ) async throws -> T {
        try await serve(options, clock: clock, signals: [], stopAfterBody: true, body)
    }

    /// Runs an emulator until SIGINT or SIGTERM, for the `emulator` command.
    ///
    /// - Parameters:
    ///   - options: the emulator's options.
    ///   - onStarted: called once the server listens, e.g. to print its address.
    /// - Throws: ``EmulatorError`` for invalid options or when the server cannot listen.
    public static func runUntilSignalled(
        _ options: EmulatorOptions, onStarted: (RunningEmulator) async throws -> Void
    ) async throws {
        try await serve(
            options, clock: SystemEmulatorClock(), signals: [.sigint, .sigterm], stopAfterBody: false, onStarted)
    }

    private static func serve<T>(
        _ options: EmulatorOptions, clock: any EmulatorClock, signals: [UnixSignal], stopAfterBody: Bool,
        _ body: (RunningEmulator) async throws -> T
    ) async throws -> T {
        let store = try EmulatorStore(options: options, clock: clock)
        var logger = Logger(label: "ldifbulk.emulator")
        logger.logLevel = .error
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            responder: EmulatorResponder(store: store, maxBody: options.maxBody),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                portSink.yield(channel.localAddress?.port ?? options.port)
                portSink.finish()
            },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: signals, logger: logger))
        return try await withThrowingTaskGroup(of: Void.self, returning: T.self) { tasks in
            tasks.addTask {
                // Ends the port stream also when the server fails to bind.
                defer { portSink.finish() }
                try await group.run()
            }
            var portIterator = ports.makeAsyncIterator()
            guard let port = await portIterator.next() else {
                try await tasks.waitForAll()
                throw EmulatorError("the emulator stopped before it listened on \(options.host):\(options.port)")
            }
            let running = RunningEmulator(host: options.host, port: port, options: options, store: store)
            do {
                let value = try await body(running)
                if stopAfterBody { await group.triggerGracefulShutdown() }
                try await tasks.waitForAll()
                return value
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
        }
    }
}
