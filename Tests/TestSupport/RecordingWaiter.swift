import ChatClient
import Synchronization

/// Records retry waits instead of sleeping.
public final class RecordingWaiter: RetryWaiter {
    public let waits = Mutex<[Double]>([])
    public let reasons = Mutex<[String]>([])
    public init() {}

    public func wait(seconds: Double, reason: String) async throws {
        waits.withLock { $0.append(seconds) }
        reasons.withLock { $0.append(reason) }
    }
}
