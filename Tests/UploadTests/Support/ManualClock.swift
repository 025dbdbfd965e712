import IntegrationAPI
import Synchronization

/// A clock that never waits: each sleep moves its time forward to the deadline and is recorded.
///
/// Tests of backoff, polling and budgets read the recorded sleeps instead of measuring time.
final class ManualClock: APIClock {
    private struct State {
        var now: Duration = .zero
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())

    var now: Duration { state.withLock { $0.now } }

    /// The length of every sleep so far, in order.
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Duration) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            state.sleeps.append(max(deadline - state.now, .zero))
            state.now = max(state.now, deadline)
        }
        await Task.yield()
    }

    /// Moves time forward without anyone sleeping.
    func advance(by duration: Duration) {
        state.withLock { $0.now += duration }
    }
}

extension RandomSource {
    /// A source that answers `values` in turn, starting over at the end.
    static func sequence(_ values: [Double]) -> RandomSource {
        let index = Mutex(0)
        return RandomSource {
            index.withLock { position in
                defer { position += 1 }
                return values[position % values.count]
            }
        }
    }
}
