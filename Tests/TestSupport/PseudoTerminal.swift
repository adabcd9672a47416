#if canImport(Glibc)
    import Glibc
#endif

/// A program running in a pseudo-terminal: what a person at a terminal would see and type.
public final class PseudoTerminal: @unchecked Sendable {
    public let pid: pid_t
    private let master: Int32
    private var output: [UInt8] = []
    private var consumed = 0
    /// Set once the program was reaped and the pty closed.
    private var finished = false

    /// Starts `path` with `arguments` in a new session whose controlling terminal is the pty.
    public init(
        path: String, arguments: [String], environment: [String: String], rows: UInt16 = 40, columns: UInt16 = 120
    ) throws {
        // posix_openpt/ptsname and POSIX_SPAWN_SETSID hide behind feature macros that Swift's
        // Glibc module does not set; on Linux, /dev/ptmx and two ioctls do the same.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.setLock, &unlock) == 0, ioctl(master, Self.getNumber, &number) == 0 else {
            throw PseudoTerminalError.open(errno)
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        let slave = open(slavePath, O_RDWR | O_NOCTTY)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
        close(slave)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        posix_spawnattr_setflags(&attributes, Int16(Self.spawnSetSID | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        // Nothing else the test process has open goes to the program: a pipe of another test's
        // child held open here would keep that child from ever seeing the end of its input.
        _ = Self.closeFrom?(&actions, 3)
        // Opened after setsid and without O_NOCTTY, the slave becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        var child: pid_t = 0
        let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw PseudoTerminalError.spawn(status) }
        pid = child
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and newer), hidden behind
    /// _GNU_SOURCE like the rest: looked up at run time.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    private static let setLock = UInt(0x4004_5431)  // TIOCSPTLCK
    private static let getNumber = UInt(0x8004_5430)  // TIOCGPTN
    private static let spawnSetSID: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc)

    /// Types bytes at the keyboard.
    public func send(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Waits until `text` appears in the output after what earlier waits consumed; returns
    /// everything up to and including it, or nil after `timeout` seconds (a deadline to fail
    /// instead of hanging, far longer than any step takes on a loaded machine).
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 30) async -> String? {
        await offPool { self.blockingWaitFor(text, timeout: timeout) }
    }

    private func blockingWaitFor(_ text: String, timeout: Double) -> String? {
        let needle = Array(text.utf8)
        let deadline = now() + timeout
        while true {
            if let range = find(needle) {
                let seen = String(decoding: output[consumed..<range], as: UTF8.self)
                consumed = range
                return seen
            }
            let left = deadline - now()
            if left <= 0 { return nil }
            readAvailable(waiting: min(left, 0.1))
        }
    }

    /// Everything the program wrote so far.
    public var transcript: String {
        if !finished { readAvailable(waiting: 0.05) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Waits for the program to exit and returns its exit status (or 128 + signal).
    public func wait(timeout: Double = 30) async -> Int32? {
        await offPool { self.blockingWait(timeout: timeout) }
    }

    private func blockingWait(timeout: Double) -> Int32? {
        let deadline = now() + timeout
        while now() < deadline {
            readAvailable(waiting: 0.05)
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                close(master)
                finished = true
                let signal = status & 0x7F
                return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
            }
        }
        return nil
    }

    /// Resizes the window, as dragging a terminal's edge does: the program gets SIGWINCH.
    public func resize(rows: UInt16, columns: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    public func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(pid, signal)
    }

    /// A test that failed before the program exited leaves neither it nor the pty behind.
    deinit {
        guard !finished else { return }
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        close(master)
    }

    private func find(_ needle: [UInt8]) -> Int? {
        guard output.count - consumed >= needle.count else { return nil }
        var index = consumed
        while index + needle.count <= output.count {
            if output[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }

    private func readAvailable(waiting seconds: Double) {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = read(master, &buffer, buffer.count)
        if count > 0 { output += buffer[0..<count] }
    }

    private func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

public enum PseudoTerminalError: Error {
    case open(Int32)
    case spawn(Int32)
}
