import NIOCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Sleeps for the time asked.
public struct SleepingWaiter: RetryWaiter {
    public init() {}
    public func wait(seconds: Double, reason: String) async throws {
        try await Task.sleep(for: .seconds(seconds))
    }
}
