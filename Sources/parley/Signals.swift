import ChatREPL
import Dispatch
import LineEditor
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Signal handling, installed once: Ctrl-C stops the running request and never the REPL;
/// SIGTERM and SIGHUP stop it and end the session after saving.
enum Signals {
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let terminating = Atomic<Int32>(0)

    /// The SIGTERM or SIGHUP that ended an interactive session, or 0.
    static var terminatedBy: Int32 { terminating.load(ordering: .relaxed) }
    private static let queue = DispatchQueue(label: "parley.signals")

    /// Interactive mode: Ctrl-C cancels the request, or clears the line at the prompt.
    static func installInteractive(_ interrupts: InterruptController) {
        listen(SIGINT) {
            if !interrupts.interrupt() { LineEditor.requestInterrupt() }
        }
        for signal in [SIGTERM, SIGHUP] {
            listen(signal) {
                terminating.store(signal, ordering: .relaxed)
                LineEditor.requestEnd()
                interrupts.interrupt()
            }
        }
        awaitHandlerInstalled(SIGINT)
    }

    /// libdispatch replaces SIG_IGN with its own handler on its manager thread, a moment after
    /// the source starts. Readline hooks SIGINT (and echoes ^C) only when a real handler is in
    /// place, so wait for it once: then Ctrl-C looks the same at the first prompt as later.
    private static func awaitHandlerInstalled(_ number: Int32) {
        for _ in 0..<200 {
            var current = sigaction()
            sigaction(number, nil, &current)
            if unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) != 1 { return }  // 1 == SIG_IGN
            usleep(1000)
        }
    }

    /// One-shot mode: a signal cancels the request (the caller then exits 130); with no request
    /// running, the process exits at once.
    static func installOneShot(_ interrupts: InterruptController, onSignal: @escaping @Sendable (Int32) -> Void) {
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            listen(signal) {
                onSignal(signal)
                if !interrupts.interrupt() { _exit(128 + signal) }
            }
        }
    }

    /// The window was resized: `handler` reads the new size.
    static func onResize(_ handler: @escaping @Sendable () -> Void) {
        listen(SIGWINCH, handler)
    }

    private static func listen(_ number: Int32, _ handler: @escaping @Sendable () -> Void) {
        signal(number, SIG_IGN)  // the default action must not kill us; the source sees it anyway
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler(handler: handler)
        source.resume()
        sources.append(source)
    }
}
