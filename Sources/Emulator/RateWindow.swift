import Foundation

/// Counts requests in the current one-second window, to answer 429 beyond a
/// limit the way the real service does per user.
struct RateWindow: Sendable {
    let limit: Int
    private var windowStart = Date.distantPast
    private var count = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Records a request at `now`.
    ///
    /// - Returns: nil when admitted, else the seconds until the window ends.
    mutating func admit(at now: Date) -> Int? {
        if now.timeIntervalSince(windowStart) >= 1 {
            windowStart = now
            count = 0
        }
        count += 1
        if count <= limit { return nil }
        return max(1, Int((1 - now.timeIntervalSince(windowStart)).rounded(.up)))
    }
}
