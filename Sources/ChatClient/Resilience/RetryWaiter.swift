import NIOCore
import Synchronization

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Waits before a retry or a rate-limited request. The REPL's waiter draws a countdown;
/// tests use one that returns at once.
public protocol RetryWaiter: Sendable {
    /// - Parameter reason: what the wait is for ("rate limited (retry 1 of 2)").
    func wait(seconds: Double, reason: String) async throws
}
