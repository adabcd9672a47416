import ChatClient

/// Records retry waits instead of sleeping.
public final class RecordingWaiter: RetryWaiter {
    public let waits = Locked<[Double]>([])
    public let reasons = Locked<[String]>([])
    public init() {}

    public func wait(seconds: Double, reason: String) async throws {
        waits.withLock { $0.append(seconds) }
        reasons.withLock { $0.append(reason) }
    }
}
