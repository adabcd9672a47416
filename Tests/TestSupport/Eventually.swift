/// Waits until `condition` holds, checking every few milliseconds. The deadline is there only
/// to fail instead of hanging: it is far longer than any wait should take, even on a loaded
/// machine, and no test asserts how long the wait took. Returns false at the deadline.
public func eventually(within seconds: Double = 30, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while !condition() {
        guard ContinuousClock.now < deadline else { return condition() }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}
