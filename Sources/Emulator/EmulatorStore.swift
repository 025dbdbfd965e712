import Foundation
import IntegrationWire

/// The emulated workspace: tokens, runs, processor configurations and the
/// counters that `/emulator/state` reports. All mutable emulator state lives
/// here, behind the actor.
public actor EmulatorStore {
    let options: EmulatorOptions
    let clock: any EmulatorClock
    let rules: ItemRules
    let faults: FaultPlan
    var tokens = TokenRegistry()
    var rateWindow: RateWindow?
    var runs: [String: EmulatedRun] = [:]
    var runOrder: [String] = []
    var runsPerDescription: [String: Int] = [:]
    var configurations: [ProcessorConfigurationKey: Data] = [:]
    var requestCount = 0
    var faultCounts: [String: Int] = [:]

    /// A store for one emulator.
    ///
    /// - Parameters:
    ///   - options: the emulator's options.
    ///   - clock: the source of time; tests pass a ``ManualEmulatorClock``.
    /// - Throws: ``EmulatorError`` when the options are invalid.
    public init(options: EmulatorOptions, clock: any EmulatorClock = SystemEmulatorClock()) throws {
        try options.validate()
        self.options = options
        self.clock = clock
        self.rules = try ItemRules(rejectIdPattern: options.rejectIdPattern, failIdPattern: options.failIdPattern)
        self.faults = FaultPlan(rates: options.faults, seed: options.seed)
        self.rateWindow = options.rps.map(RateWindow.init(limit:))
    }

    /// What to do with a request before it is carried out.
    enum Admission: Sendable {
        /// Carry it out, then apply this fault (reset or lost), if any.
        case proceed(FaultPlan.RequestFault?)
        /// Answer this instead.
        case refuse(Reply)
    }

    /// Counts a request and applies the rate limit and the request faults.
    ///
    /// - Parameter isCreate: whether the request creates a run (only creates can be lost).
    func admit(isCreate: Bool) -> Admission {
        let index = requestCount
        requestCount += 1
        if let retryAfter = rateWindow?.admit(at: clock.now()) {
            faultCounts["rps", default: 0] += 1
            return .refuse(Self.tooManyRequests(retryAfter: retryAfter))
        }
        guard let fault = faults.fault(forRequest: index, isCreate: isCreate) else { return .proceed(nil) }
        faultCounts[fault.rawValue, default: 0] += 1
        switch fault {
        case .tooManyRequests: return .refuse(Self.tooManyRequests(retryAfter: 1))
        case .tooManyRequestsBare: return .refuse(.errors(429, ["USER_INTERVAL_REQUEST_LIMIT_EXCEEDED"]))
        case .unavailable: return .refuse(.errors(503, ["Service temporarily unavailable (injected by the emulator)"]))
        case .lost, .reset: return .proceed(fault)
        }
    }

    private static func tooManyRequests(retryAfter: Int) -> Reply {
        var reply = Reply.errors(429, ["USER_INTERVAL_REQUEST_LIMIT_EXCEEDED"])
        reply.headers.append((name: "Retry-After", value: String(retryAfter)))
        return reply
    }

    /// The time now, by the injected clock.
    var now: Date { clock.now() }
}
