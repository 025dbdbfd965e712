/// The overall budget of requests a second that every request of the tool draws from.
///
/// A token bucket: it holds up to `burst` requests and refills at `rate` a
/// second. A request that finds it empty reserves the next token and waits
/// for it, so waiting requests are served in the order they asked.
public actor RateBudget {
    private let clock: any APIClock
    private let rate: Double
    private let burst: Double
    private var tokens: Double
    private var updated: Duration

    /// - Parameters:
    ///   - requestsPerSecond: the sustained rate; values below 0.01 are raised to it.
    ///   - burst: requests that may go at once after a quiet spell (default: one second's worth).
    ///   - clock: the clock to read and wait on.
    public init(requestsPerSecond: Double, burst: Double? = nil, clock: any APIClock) {
        let rate = max(requestsPerSecond, 0.01)
        let capacity = max(burst ?? rate, 1)
        self.rate = rate
        self.burst = capacity
        self.clock = clock
        self.tokens = capacity
        self.updated = clock.now
    }

    /// Takes one request from the budget, waiting until it is available.
    ///
    /// - Returns: how long the caller waited (zero when a token was there).
    /// - Throws: `CancellationError` when cancelled while waiting.
    @discardableResult
    public func acquire() async throws -> Duration {
        let now = clock.now
        tokens = min(burst, tokens + (now - updated).seconds * rate)
        updated = now
        tokens -= 1
        guard tokens < 0 else { return .zero }
        // The token is reserved now (the balance stays negative), so later callers queue behind.
        let wait = Duration.seconds(double: -tokens / rate)
        try await clock.sleep(until: now + wait)
        return wait
    }
}
