import Dispatch
import Foundation
import LDIFCore
import Synchronization

/// Ctrl-C during a long operation: the first one cancels it (so it can write its ledger and
/// report and end with 130), a second one exits at once.
enum InterruptSignal {
    /// Runs `operation` in a task that the first SIGINT cancels.
    static func cancelling<T: Sendable>(
        _ notice: String, _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let task = Task { try await operation() }
        let count = Mutex(0)
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            let seen = count.withLock { value in
                value += 1
                return value
            }
            if seen > 1 { exit(130) }
            StandardStream.error("\n\(notice)\n")
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }
}

extension InterruptSignal {
    /// Runs `operation`, which cannot stop halfway (a conversion), so that Ctrl-C prints `notice` and
    /// exits 130 at once: what it leaves behind is for `ldifbulk resume` to clear.
    static func exiting<T>(_ notice: String, _ operation: () throws -> T) rethrows -> T {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            StandardStream.error("\n\(notice)\n")
            exit(130)
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try operation()
    }
}
