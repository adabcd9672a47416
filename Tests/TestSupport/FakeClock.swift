import ChatClient

/// A clock the test moves by hand.
public final class FakeClock: Sendable {
    public let time = Locked(1_000_000.0)

    public init() {}
    public var now: Double { time.withLock { $0 } }
    public func advance(_ seconds: Double) { time.withLock { $0 += seconds } }
}
