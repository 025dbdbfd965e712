public import Foundation

/// The emulator's source of time, injected so that tests of the run
/// lifecycle and of token expiry advance time instead of sleeping.
public protocol EmulatorClock: Sendable {
    /// The current wall-clock time.
    func now() -> Date
}

/// The real clock.
public struct SystemEmulatorClock: EmulatorClock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that moves only when told to.
public final class ManualEmulatorClock: EmulatorClock, @unchecked Sendable {
    // The lock makes the class safe to share; that is why it is @unchecked.
    private let lock = NSLock()
    private var current: Date

    /// - Parameter start: the time the clock starts at.
    public init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = start
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    /// Moves the clock forward.
    ///
    /// - Parameter milliseconds: how far.
    public func advance(milliseconds: Double) {
        lock.withLock { current = current.addingTimeInterval(milliseconds / 1000) }
    }
}
