import ChatClient

/// A waiter that moves the fake clock instead of sleeping.
public final class ClockWaiter: RetryWaiter {
    public let clock: FakeClock
    public let waits = Locked<[Double]>([])
    public init(_ clock: FakeClock) { self.clock = clock }
    public func wait(seconds: Double, reason: String) async throws {
        waits.withLock { $0.append(seconds) }
        clock.advance(seconds)
    }
}
