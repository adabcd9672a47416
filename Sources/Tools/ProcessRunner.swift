import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Starts tool processes: the seam between a tool call and the operating system.
public protocol ProcessRunner: Sendable {
    /// Runs the request to its end. Never throws: a failure to start, a timeout and a
    /// cancellation of the calling task are all endings.
    func run(_ request: ProcessRequest) async -> ProcessOutcome
}

/// Runs a process with posix_spawn in a process group of its own, its stdin, stdout and stderr
/// on pipes (never Parley's terminal), and kills the whole group on a timeout or when the
/// calling task is cancelled (Ctrl-C). The blocking work happens on a thread of its own.
public struct PosixProcessRunner: ProcessRunner {
    public init() {}

    public func run(_ request: ProcessRequest) async -> ProcessOutcome {
        let stop = StopFlag()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // The blocking work runs on a thread of its own, off Swift's pool.
                let status = startDetachedThread {
                    continuation.resume(returning: Self.runBlocking(request, stop: stop))
                }
                if status != 0 {
                    continuation.resume(
                        returning: ProcessOutcome(
                            ending: .notStarted("no thread to run it on (\(String(cString: strerror(status))))"),
                            output: [], outputBytes: 0, errorTail: [], seconds: 0))
                }
            }
        } onCancel: {
            stop.set()
        }
    }

    /// Runs the process on the calling thread, for a caller that is not async (nothing cancels
    /// it but its timeout).
    public func runSynchronously(_ request: ProcessRequest) -> ProcessOutcome {
        Self.runBlocking(request, stop: StopFlag())
    }

    /// A flag the cancellation handler sets and the polling loop reads.
    final class StopFlag: Sendable {
        private let value = Atomic<Bool>(false)
        var isSet: Bool { value.load(ordering: .relaxed) }
        func set() { value.store(true, ordering: .relaxed) }
    }

    static let errorTailBytes = 4096

    static func runBlocking(_ request: ProcessRequest, stop: StopFlag) -> ProcessOutcome {
        let start = monotonicSeconds()
        func ended(_ ending: ProcessOutcome.Ending) -> ProcessOutcome {
            ProcessOutcome(ending: ending, output: [], outputBytes: 0, errorTail: [], seconds: 0)
        }
        guard let program = request.argv.first, !program.isEmpty else { return ended(.notStarted("no command")) }
        if stop.isSet { return ended(.cancelled) }
        var inPipe: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        let shared = request.sharesStdinAndStderr
        guard shared || makePipe(&inPipe) else { return ended(.notStarted(errnoText())) }
        guard makePipe(&outPipe) else {
            closeAll(inPipe)
            return ended(.notStarted(errnoText()))
        }
        guard shared || makePipe(&errPipe) else {
            closeAll(inPipe + outPipe)
            return ended(.notStarted(errnoText()))
        }
        let spawned = ChildSpawner.spawn(
            argv: request.argv, environment: request.environment, cwd: request.cwd,
            stdin: shared ? 0 : inPipe[0], stdout: outPipe[1], stderr: shared ? 2 : errPipe[1])
        closeAll([inPipe[0], outPipe[1], errPipe[1]])
        let pid: pid_t
        switch spawned {
        case .success(let started): pid = started
        case .failure(let problem):
            closeAll([inPipe[1], outPipe[0], errPipe[0]])
            let missing = request.cwd.flatMap { access($0, F_OK) != 0 ? "the directory \($0) does not exist" : nil }
            return ended(.notStarted(missing ?? problem.message))
        }
        // A program on Parley's terminal gets the terminal: its group is made the foreground
        // one while it runs (else reading its answer would stop it with SIGTTIN), then
        // continued in case it already tried; Parley takes the terminal back at the end.
        let terminal = shared && isatty(0) == 1 && tcgetpgrp(0) == getpgrp()
        if terminal {
            withTerminalSignalsBlocked { _ = tcsetpgrp(0, pid) }
            kill(-pid, SIGCONT)
        }
        defer { if terminal { withTerminalSignalsBlocked { _ = tcsetpgrp(0, getpgrp()) } } }

        var input = request.input
        var inputSent = 0
        var inFD: Int32 = inPipe[1]
        if input.isEmpty || shared {
            if inFD >= 0 { close(inFD) }
            inFD = -1
        } else {
            _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK)
        }
        var outFD: Int32 = outPipe[0]
        var errFD: Int32 = errPipe[0]
        var output: [UInt8] = []
        var outputBytes = 0
        var errorTail: [UInt8] = []
        var ending: ProcessOutcome.Ending?
        var killedAt: Double?
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = start + request.timeout
        // SIGPIPE from a write to a child that stopped reading goes to this thread: blocked
        // here, the write fails with EPIPE instead of ending Parley.
        var pipeOnly = sigset_t()
        sigemptyset(&pipeOnly)
        sigaddset(&pipeOnly, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeOnly, nil)

        while outFD >= 0 || errFD >= 0 {
            if killedAt == nil {
                if stop.isSet {
                    ending = .cancelled
                } else if monotonicSeconds() >= deadline {
                    ending = .timedOut
                }
                if ending != nil {
                    kill(-pid, SIGKILL)
                    killedAt = monotonicSeconds()
                }
            } else if let killedAt, monotonicSeconds() - killedAt > 2 {
                // Something outside the group still holds the pipes open: stop waiting for it.
                break
            }
            var fds: [pollfd] = []
            if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
            if outFD >= 0 { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
            if errFD >= 0 { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if ready < 0, errno != EINTR { break }
            if ready <= 0 { continue }
            for entry in fds where entry.revents != 0 {
                if entry.fd == inFD {
                    let count = input[inputSent...].withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
                    if count > 0 { inputSent += count }
                    if count < 0 && errno != EAGAIN && errno != EINTR || inputSent >= input.count {
                        close(inFD)
                        inFD = -1
                        input = []
                    }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR || errno == EAGAIN { continue }
                if count <= 0 {
                    close(entry.fd)
                    if entry.fd == outFD { outFD = -1 } else { errFD = -1 }
                    continue
                }
                if entry.fd == outFD {
                    outputBytes += count
                    let room = max(0, request.maxOutputBytes - output.count)
                    if room > 0 { output += buffer[0..<min(room, count)] }
                } else {
                    errorTail += buffer[0..<count]
                    if errorTail.count > errorTailBytes { errorTail.removeFirst(errorTail.count - errorTailBytes) }
                }
            }
        }
        closeAll([inFD, outFD, errFD].filter { $0 >= 0 })
        // Output closed: the process is ending (or was killed); wait for it, still honouring
        // the timeout and Ctrl-C in case it closed its output and carried on.
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || reaped < 0 && errno != EINTR { break }
            if killedAt == nil, stop.isSet || monotonicSeconds() >= deadline {
                ending = stop.isSet ? .cancelled : .timedOut
                kill(-pid, SIGKILL)
                killedAt = monotonicSeconds()
            }
            usleep(10_000)
        }
        // Whatever it left behind in its group goes with it.
        if killedAt == nil { kill(-pid, SIGKILL) }
        if ending == nil {
            let signal = status & 0x7F
            ending = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        }
        return ProcessOutcome(
            ending: ending ?? .exited(0), output: output, outputBytes: outputBytes, errorTail: errorTail,
            seconds: monotonicSeconds() - start)
    }

    /// Runs `body` with SIGTTOU blocked on this thread: a process not in the terminal's
    /// foreground group may then still hand the terminal over (tcsetpgrp) without being stopped.
    private static func withTerminalSignalsBlocked(_ body: () -> Void) {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTTOU)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        body()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A pipe whose ends are closed on exec (the child gets only the copies on 0, 1 and 2).
    /// Made so atomically with pipe2: with pipe then fcntl, a tool started at the same moment
    /// on another thread could inherit this pipe and keep it open after this tool ended.
    static func makePipe(_ fds: inout [Int32]) -> Bool {
        if let pipe2 = Self.pipe2 {
            return fds.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return false }
                return pipe2(base, O_CLOEXEC) == 0
            }
        }
        guard pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    /// glibc's pipe2, looked up at run time: Swift's Glibc module declares it only with _GNU_SOURCE.
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    static let pipe2: Pipe2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: Pipe2.self)
    }()

    /// glibc's posix_spawn_file_actions_addchdir_np (2.29 and later), looked up at run time:
    /// Swift's Glibc module does not declare it.
    typealias AddChdir =
        @convention(c) (
            UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
        ) -> Int32
    static let addChdir: AddChdir? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        else { return nil }
        return unsafeBitCast(symbol, to: AddChdir.self)
    }()

    /// The first executable file named `program` on `path`.
    static func resolve(_ program: String, path: String) -> String? {
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    private static func closeAll(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
