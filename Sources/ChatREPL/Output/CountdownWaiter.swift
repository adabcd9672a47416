import ChatClient

/// Waits before a retry and says so on stderr: a countdown on a terminal, one line otherwise.
/// It sleeps inside the request's task, so Ctrl-C cancels the wait like the request.
public struct CountdownWaiter: RetryWaiter {
    let console: Console

    public init(console: Console) {
        self.console = console
    }

    public func wait(seconds: Double, reason: String) async throws {
        // Callers cap what servers ask for; this bound keeps `Duration` from overflowing regardless.
        let seconds = seconds.isFinite ? min(max(seconds, 0), 86_400) : 0
        guard console.style.colorErr else {
            console.notice("\(reason): waiting \(Format.seconds(seconds))")
            try await Task.sleep(for: .seconds(seconds))
            return
        }
        var left = seconds
        defer { console.err.write("\r\u{1B}[K") }
        while left > 0 {
            console.err.write(
                "\r\u{1B}[K\u{1B}[2m\(reason): waiting \(Format.seconds(left))… (Ctrl-C to stop)\u{1B}[0m"
            )
            let step = min(1, left)
            try await Task.sleep(for: .seconds(step))
            left -= step
        }
    }
}
