import ChatClient

/// Lets a signal handler stop the request that is running, and only that.
public final class InterruptController: Sendable {
    private let cancelCurrent = Locked<(@Sendable () -> Void)?>(nil)

    public init() {}

    /// Runs an operation as a task that `interrupt()` can cancel.
    public func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async -> Result<T, any Error> {
        let task = Task { try await operation() }
        cancelCurrent.withLock { $0 = { task.cancel() } }
        let result = await task.result
        cancelCurrent.withLock { $0 = nil }
        return result
    }

    /// Cancels the running request. Returns false when none is running (Ctrl-C at the prompt).
    @discardableResult
    public func interrupt() -> Bool {
        cancelCurrent.withLock { cancel in
            guard let cancel else { return false }
            cancel()
            return true
        }
    }
}
