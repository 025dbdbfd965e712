import Foundation
import IntegrationWire
import Synchronization

/// Sends requests within the request budget and repeats those the retry policy allows.
///
/// A request that is not idempotent (creating a run) is never repeated
/// after it may have reached the server: a lost answer or a 5xx throws
/// `.ambiguous`, and the caller looks before it sends again. A 429 is
/// repeated for every request, since the server refused it unprocessed.
struct RetryingSender: Sendable {
    let transport: any HTTPTransport
    let budget: RateBudget
    let clock: any APIClock
    let random: RandomSource
    let policy: RetryPolicy
    let timeout: Duration
    /// Counts every request of the client.
    let sessionTally: RequestTally
    /// Set by the first answer: until then a refused connection is a wrong address, not a passing outage.
    let contact = ContactRecord()

    /// Sends the request `make` builds (anew for each attempt) until it succeeds or the policy gives up.
    ///
    /// - Returns: a 2xx answer.
    /// - Throws: `APIError` (`.status` with the server's errors, `.transport`, or `.ambiguous`), or `CancellationError`.
    func send(
        idempotent: Bool, tally: RequestTally?, _ make: () async throws -> HTTPRequest
    ) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            try await budget.acquire()
            let request = try await make()
            count(tally) { $0.requests += 1 }
            let failure: RetryPolicy.Failure
            let response: HTTPResponse?
            var lost: TransportError?
            do {
                let answer = try await transport.send(request, timeout: timeout)
                contact.record()
                if answer.isSuccess { return answer }
                response = answer
                failure = .status(
                    answer.status, retryAfter: answer.header("Retry-After").flatMap { RetryAfter.parse($0) })
            } catch let error as TransportError {
                response = nil
                failure = .transport
                lost = error
                // A request that never connected had no effect: only one that may have arrived is ambiguous.
                if !idempotent, !error.cause.neverConnected {
                    throw ambiguous(request, error.message, status: nil, attempt: attempt)
                }
            }
            count(tally) { $0.httpErrors += 1 }
            if !idempotent, let response, response.status >= 500 {
                throw ambiguous(request, "HTTP \(response.status)", status: response.status, attempt: attempt)
            }
            // Nothing has ever answered at this address: a wrong host or port, not worth minutes of retries.
            if let lost, lost.cause.wrongAddress, !contact.answered {
                throw unreachable(request, lost, attempt: attempt)
            }
            guard case .retry(let delay) = policy.decision(after: failure, attempt: attempt, random: random) else {
                throw finalError(request, response: response, lost: lost, attempt: attempt)
            }
            count(tally) { $0.retries += 1 }
            try await clock.sleep(for: delay)
        }
    }

    private func count(_ tally: RequestTally?, _ change: (inout RequestCounts) -> Void) {
        sessionTally.record(change)
        tally?.record(change)
    }

    /// Status nil means no answer came at all.
    private func ambiguous(_ request: HTTPRequest, _ what: String, status: Int?, attempt: Int) -> APIError {
        APIError(
            .ambiguous, "\(request.method.rawValue) \(Self.path(request)): \(what); the outcome is unknown",
            status: status, attempts: attempt)
    }

    private func unreachable(_ request: HTTPRequest, _ error: TransportError, attempt: Int) -> APIError {
        // A TLS failure needs its detail (which certificate); the others say all in their cause.
        let what =
            error.cause == .tls
            ? error.message : "\(error.cause.rawValue) (\(request.method.rawValue) \(Self.path(request)))"
        return APIError(
            .transport,
            "cannot reach \(Self.origin(request)): \(what); "
                + "nothing has answered there yet: check the host and port (--host), and that the server runs",
            attempts: attempt)
    }

    private func finalError(_ request: HTTPRequest, response: HTTPResponse?, lost: TransportError?, attempt: Int)
        -> APIError
    {
        let tries = attempt == 1 ? "" : " after \(attempt) attempts"
        guard let response else {
            let why = lost.map { $0.cause == .other ? "no answer (\($0.message))" : $0.cause.rawValue } ?? "no answer"
            return APIError(
                .transport,
                "\(request.method.rawValue) \(Self.origin(request))\(Self.path(request)): \(why)\(tries)",
                attempts: attempt)
        }
        let code: APIError.Code = response.status == 401 || response.status == 403 ? .unauthorized : .status
        return APIError(
            code, "\(request.method.rawValue) \(Self.path(request)) answered HTTP \(response.status)\(tries)",
            status: response.status, serverErrors: ServerErrors.decode(response.body), attempts: attempt)
    }

    static func path(_ request: HTTPRequest) -> String {
        URLComponents(string: request.url)?.path ?? request.url
    }

    /// `https://acme.leanix.net` of the request's URL, port included when it has one.
    static func origin(_ request: HTTPRequest) -> String {
        guard let url = URLComponents(string: request.url), let scheme = url.scheme, let host = url.host else {
            return request.url
        }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }
}

/// Whether any answer ever came from the host in this client's life, shared by all its requests.
final class ContactRecord: Sendable {
    private let reached = Atomic(false)

    var answered: Bool { reached.load(ordering: .relaxed) }

    func record() {
        reached.store(true, ordering: .relaxed)
    }
}

/// The `{"errors": ["..."]}` body of a refused request.
enum ServerErrors {
    /// The server's error texts; a short non-JSON body is taken as one text, anything else gives none.
    static func decode(_ body: Data) -> [String] {
        if let decoded = try? JSONDecoder().decode(ErrorAnswer.self, from: body) { return decoded.errors }
        guard body.count <= 500, let text = String(data: body, encoding: .utf8) else { return [] }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? [] : [trimmed]
    }
}
