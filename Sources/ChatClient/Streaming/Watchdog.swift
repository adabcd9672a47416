import Synchronization

/// The first-byte and idle limits of one request, watched by a task beside it. Each network
/// read costs one atomic store; the watching task sleeps until the next possible deadline.
final class Watchdog: Sendable {
    private let start = ContinuousClock.now
    /// Nanoseconds since `start` of the last byte received; -1 while none has come.
    private let lastByte = Atomic<Int64>(-1)
    let firstByteLimit: Double
    let idleLimit: Double

    init(firstByte: Double, idle: Double) {
        firstByteLimit = firstByte
        idleLimit = idle
    }

    /// Bytes arrived.
    func touch() {
        let elapsed = start.duration(to: .now).components
        lastByte.store(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000, ordering: .relaxed)
    }

    /// Returns only by throwing: `.timeout` when a limit expires, `CancellationError` when the
    /// request finished first.
    func watch() async throws {
        while true {
            let last = lastByte.load(ordering: .relaxed)
            let kind: TimeoutKind = last < 0 ? .firstByte : .idle
            let limit = last < 0 ? firstByteLimit : idleLimit
            let deadline = start.advanced(by: .nanoseconds(max(last, 0)) + .seconds(limit))
            let now = ContinuousClock.now
            if now >= deadline { throw ChatClientError.timeout(kind, seconds: limit) }
            // While no byte has come, one may come any moment and start the idle limit, whose
            // deadline is then no earlier than now + idle: wake by then to look again.
            let wake = last < 0 ? min(deadline, now.advanced(by: .seconds(idleLimit))) : deadline
            try await Task.sleep(until: wake, clock: .continuous)
        }
    }
}
