/// Where a transport hands a response head (or the failure before one) to the task that waits
/// for it: whichever of the two comes first, the other finds it. The first delivery counts; a
/// later one is dropped (after a head, a failure is the body's to report).
package final class HeadSlot<Head: Sendable>: Sendable {
    private struct State {
        var waiting: CheckedContinuation<Head, any Error>?
        /// The head (or the failure) when it came before anyone waited for it.
        var early: Result<Head, any Error>?
    }

    private let state = Locked(State())

    package init() {}

    /// Waits for the head; on a reused connection it may have come already.
    package func wait() async throws -> Head {
        try await withCheckedThrowingContinuation { continuation in
            let early = state.withLock { state -> Result<Head, any Error>? in
                if let early = state.early { return early }
                state.waiting = continuation
                return nil
            }
            if let early { continuation.resume(with: early) }
        }
    }

    /// Hands the head, or the failure, to whoever waits for it, or keeps it for them.
    package func deliver(_ result: Result<Head, any Error>) {
        let waiting = state.withLock { state -> CheckedContinuation<Head, any Error>? in
            guard let waiting = state.waiting else {
                if state.early == nil { state.early = result }
                return nil
            }
            state.waiting = nil
            state.early = .failure(CancellationError())  // delivered: a later event is not a head
            return waiting
        }
        waiting?.resume(with: result)
    }
}
