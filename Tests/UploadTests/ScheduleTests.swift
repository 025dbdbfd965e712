import IntegrationAPI
import Testing
import Upload

struct PollScheduleTests {
    @Test(arguments: [(0.0, 0.5), (3.0, 0.5), (5.0, 0.5), (12.0, 1.2), (100.0, 10.0), (150.0, 15.0), (7200.0, 15.0)])
    func waitsATenthOfTheElapsedTimeWithinBounds(elapsed: Double, interval: Double) {
        let schedule = PollSchedule()
        #expect(abs(schedule.interval(afterElapsed: .seconds(double: elapsed)).seconds - interval) < 1e-9)
    }

    @Test func aFinishIsSeenWithinAboutATenthOfTheRunsLength() {
        let schedule = PollSchedule()
        for length in [1.0, 7.5, 60, 333, 3600] {
            var elapsed = 0.0
            while elapsed < length {
                elapsed += schedule.interval(afterElapsed: .seconds(double: elapsed)).seconds
            }
            // The poll that sees the finish comes at most one interval after it.
            #expect(elapsed - length <= max(0.5, length * 0.1) + 1e-9, "run of \(length) s")
        }
    }
}

struct RateBudgetTests {
    @Test func aBurstPassesThenRequestsAreSpacedAtTheRate() async throws {
        let clock = ManualClock()
        let budget = RateBudget(requestsPerSecond: 10, clock: clock)
        var waits: [Duration] = []
        for _ in 0..<13 {
            waits.append(try await budget.acquire())
        }
        #expect(waits.prefix(10).allSatisfy { $0 == .zero })
        #expect(clock.now == .milliseconds(300))
        #expect(clock.sleeps == [.milliseconds(100), .milliseconds(100), .milliseconds(100)])
    }

    @Test func theBucketRefillsWhileNobodyAsks() async throws {
        let clock = ManualClock()
        let budget = RateBudget(requestsPerSecond: 2, burst: 1, clock: clock)
        #expect(try await budget.acquire() == .zero)
        clock.advance(by: .seconds(1))
        #expect(try await budget.acquire() == .zero)
        #expect(try await budget.acquire() == .milliseconds(500))
    }

    @Test func concurrentCallersNeverExceedTheRate() async throws {
        let clock = ManualClock()
        let budget = RateBudget(requestsPerSecond: 5, burst: 1, clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { try await budget.acquire() }
            }
            try await group.waitForAll()
        }
        // 20 requests at 5 a second with no burst: the last one goes 19/5 s after the first.
        #expect(abs(clock.now.seconds - 3.8) < 1e-6)
    }
}
