import Foundation
import IntegrationAPI
import Testing

struct BackoffTests {
    @Test func doublesFromTheInitialDelayUntilTheCap() {
        let backoff = Backoff(initial: .milliseconds(500), cap: .seconds(60), jitter: 0)
        let delays = (1...10).map { backoff.delay(beforeRetry: $0, random: .constant(0.3)) }
        #expect(delays.map(\.seconds) == [0.5, 1, 2, 4, 8, 16, 32, 60, 60, 60])
    }

    @Test(arguments: [(0.0, 4.0), (0.5, 6.0), (0.999_999_999, 8.0)])
    func jitterSpreadsTheDelayOverItsUpperHalf(random: Double, expected: Double) {
        let backoff = Backoff(initial: .seconds(1), cap: .seconds(60), jitter: 0.5)
        let delay = backoff.delay(beforeRetry: 4, random: .constant(random))
        #expect(abs(delay.seconds - expected) < 0.001)
    }

    @Test func theCapIsAppliedBeforeTheJitter() {
        let backoff = Backoff(initial: .seconds(1), cap: .seconds(60), jitter: 0.5)
        let delay = backoff.delay(beforeRetry: 40, random: .constant(0))
        #expect(delay == .seconds(30))
    }

    @Test func hugeRetryCountsDoNotOverflow() {
        let backoff = Backoff()
        #expect(backoff.delay(beforeRetry: 5000, random: .constant(0.999)) <= .seconds(60))
    }
}

struct RetryPolicyTests {
    typealias Failure = RetryPolicy.Failure

    @Test(arguments: [
        (Failure.status(429, retryAfter: nil), true), (.status(502, retryAfter: nil), true),
        (.status(503, retryAfter: nil), true), (.status(504, retryAfter: nil), true), (.transport, true),
        (.status(500, retryAfter: nil), false), (.status(400, retryAfter: nil), false),
        (.status(401, retryAfter: nil), false), (.status(403, retryAfter: nil), false),
        (.status(404, retryAfter: nil), false), (.status(413, retryAfter: nil), false),
    ])
    func onlyRateLimitsGatewayErrorsAndLostConnectionsAreRetried(failure: Failure, retried: Bool) {
        let decision = RetryPolicy().decision(after: failure, attempt: 1, random: .constant(0))
        #expect((decision != .giveUp) == retried)
    }

    @Test func retryAfterIsHonouredInsteadOfTheBackoff() {
        let policy = RetryPolicy(backoff: Backoff(initial: .milliseconds(1)))
        let decision = policy.decision(after: .status(429, retryAfter: .seconds(7)), attempt: 3, random: .constant(0))
        #expect(decision == .retry(after: .seconds(7)))
    }

    @Test func aRateLimitWithoutRetryAfterBacksOff() {
        let policy = RetryPolicy(backoff: Backoff(initial: .seconds(1), jitter: 0))
        let decision = policy.decision(after: .status(429, retryAfter: nil), attempt: 3, random: .constant(0))
        #expect(decision == .retry(after: .seconds(4)))
    }

    @Test func anOutrageousRetryAfterIsCut() {
        let policy = RetryPolicy(maxRetryAfter: .seconds(300))
        let decision = policy.decision(
            after: .status(429, retryAfter: .seconds(86_400)), attempt: 1, random: .constant(0))
        #expect(decision == .retry(after: .seconds(300)))
    }

    @Test func givesUpAfterEightAttemptsInAll() {
        let policy = RetryPolicy()
        let decisions = (1...8).map {
            policy.decision(after: .status(503, retryAfter: nil), attempt: $0, random: .constant(0))
        }
        #expect(decisions.prefix(7).allSatisfy { $0 != .giveUp })
        #expect(decisions.last == .giveUp)
    }
}

struct RetryAfterTests {
    @Test(arguments: [("0", 0.0), ("3", 3.0), (" 120 ", 120.0), ("1.5", 1.5)])
    func readsDelaySeconds(text: String, seconds: Double) throws {
        #expect(try #require(RetryAfter.parse(text)).seconds == seconds)
    }

    @Test func readsAnHTTPDate() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2015-10-21T07:28:00Z"))
        let delay = try #require(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now))
        #expect(delay == .seconds(30))
    }

    @Test(arguments: ["", "soon", "-5", "Wed, 99 Oct 2015"])
    func refusesAnythingElse(text: String) {
        #expect(RetryAfter.parse(text) == nil)
    }
}
