import ChatClient

#if canImport(Glibc)
    import Glibc
#endif

/// A spinner on stderr until the first byte of a reply; stopping it clears its line.
public final class Spinner: Sendable {
    private struct State {
        var stopped = false
        var task: Task<Void, Never>?
    }

    private let state = Locked(State())
    private let sink: any OutputSink
    private static let frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    init(sink: any OutputSink) {
        self.sink = sink
    }

    func start() {
        let task = Task { [weak self] in
            var frame = 0
            // A short delay first, so a fast reply never flashes a spinner.
            try? await Task.sleep(for: .milliseconds(150))
            while !Task.isCancelled, let self {
                let drawn = self.state.withLock { state -> Bool in
                    guard !state.stopped else { return false }
                    self.sink.write("\r\(Self.frames[frame % Self.frames.count]) ")
                    return true
                }
                guard drawn else { return }
                frame += 1
                try? await Task.sleep(for: .milliseconds(80))
            }
        }
        state.withLock { $0.task = task }
    }

    func stop() {
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            state.task?.cancel()
            sink.write("\r\u{1B}[K")
        }
    }
}
