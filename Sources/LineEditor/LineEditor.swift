@preconcurrency import CReadline
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Requests from signal handlers, read by readline's event hook while it waits for a key.
private let interruptRequested = Atomic<Bool>(false)
private let endRequested = Atomic<Bool>(false)
/// The words Tab completes (readline's generator must reach them from a C callback): commands
/// at the start of a line, and each command's argument words after it.
nonisolated(unsafe) private var completionWords: [String] = []
nonisolated(unsafe) private var argumentWords: [String: [String]] = [:]
nonisolated(unsafe) private var pendingMatches: [String] = []
nonisolated(unsafe) private var candidates: [String] = []

/// GNU readline behind a small Swift type: the prompt, line editing, persistent history,
/// Tab completion of slash-commands, bracketed paste, and Ctrl-C that clears the line.
public final class LineEditor {
    /// What the prompt returned.
    public enum Input: Equatable {
        case line(String)
        case interrupted
        case end
    }

    private let historyPath: String?
    private let historySize: Int32

    /// - Parameters:
    ///   - historyPath: the history file, created (mode 0600) on first use; nil keeps
    ///     history in memory only.
    ///   - completions: words Tab completes at the start of a line.
    public init(historyPath: String?, historySize: Int, completions: [String]) {
        self.historyPath = historyPath
        self.historySize = Int32(clamping: historySize)
        completionWords = completions
        rl_readline_name = UnsafePointer(strdup("parley"))
        // A pasted block arrives as one line, newlines included, instead of line by line.
        rl_variable_bind("enable-bracketed-paste", "on")
        rl_attempted_completion_function = { text, start, _ in
            rl_attempted_completion_over = 1  // no file-name completion
            guard let text else { return nil }
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            let before = String(line.utf8.prefix(Int(start))) ?? ""
            if before.hasPrefix("/attach ") {
                rl_attempted_completion_over = 0  // paths: readline's own file-name completion
                return nil
            }
            if start == 0, text.pointee == CChar(UInt8(ascii: "/")) {
                candidates = completionWords
            } else if let command = before.split(separator: " ").first, before.hasSuffix(" "),
                before.split(separator: " ").count == 1, let words = argumentWords[String(command)]
            {
                candidates = words
            } else {
                return nil
            }
            return rl_completion_matches(text) { text, state in
                if state == 0, let text {
                    let prefix = String(cString: text)
                    pendingMatches = candidates.filter { $0.hasPrefix(prefix) }
                }
                return pendingMatches.isEmpty ? nil : strdup(pendingMatches.removeFirst())
            }
        }
        rl_event_hook = {
            if endRequested.load(ordering: .sequentiallyConsistent) {
                rl_done = 1
            } else if interruptRequested.load(ordering: .sequentiallyConsistent) {
                // Keep the typed text on screen, then ^C after it, as a shell does; the text
                // itself is discarded by readLine.
                rl_point = rl_end
                rl_redisplay()
                _ = write(STDOUT_FILENO, "^C", 2)
                rl_done = 1
            }
            return 0
        }
        rl_set_keyboard_input_timeout(50_000)  // poll the hook every 50 ms
        using_history()
        if self.historySize > 0 { stifle_history(self.historySize) }
        if let historyPath { _ = read_history(historyPath) }  // a missing file is fine
    }

    /// Shows the prompt and waits for a line.
    public func readLine(prompt: String) -> Input {
        if endRequested.load(ordering: .sequentiallyConsistent) { return .end }
        interruptRequested.store(false, ordering: .sequentiallyConsistent)
        // Readline echoes ^C itself only when ECHOCTL is on, and only if its own deferred signal
        // handling runs before our hook: with ECHOCTL off while the prompt is up, the hook's
        // echo is the only one, every time.
        var saved = termios()
        let haveTerminal = tcgetattr(STDIN_FILENO, &saved) == 0
        if haveTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHOCTL)
            tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        }
        let raw = readline(Self.markInvisible(prompt))
        if haveTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        guard let raw else { return .end }
        let line = String(cString: raw)
        free(raw)
        if endRequested.load(ordering: .sequentiallyConsistent) { return .end }
        if interruptRequested.exchange(false, ordering: .sequentiallyConsistent) {
            return .interrupted
        }
        return .line(line)
    }

    /// Words Tab completes after `command ` (model names after `/model `).
    public func setArgumentWords(_ words: [String], for command: String) {
        argumentWords[command] = words
    }

    /// Adds a line to the history, and to the history file when there is one.
    public func addToHistory(_ line: String) {
        add_history(line)
        guard let historyPath, historySize > 0 else { return }
        // Two Parleys may share the file: append and truncate under one lock, so one never
        // truncates (rewrites) the file while the other appends to it and loses that line.
        Self.makeParent(of: historyPath)
        let lock = open(historyPath + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer {
            if lock >= 0 {
                flock(lock, LOCK_UN)
                close(lock)
            }
        }
        if append_history(1, historyPath) != 0 {
            // append_history does not create the file; write_history does (mode 0600).
            Self.makeParent(of: historyPath)
            write_history(historyPath)
        }
        history_truncate_file(historyPath, historySize)
    }

    /// Ctrl-C at the prompt (called from the signal handler's queue).
    public static func requestInterrupt() {
        interruptRequested.store(true, ordering: .sequentiallyConsistent)
    }

    /// SIGTERM or SIGHUP: the prompt returns `.end` now and from then on.
    public static func requestEnd() {
        endRequested.store(true, ordering: .sequentiallyConsistent)
    }

    /// Wraps escape sequences in \001…\002 so readline does not count them in the prompt's width.
    static func markInvisible(_ prompt: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" {
                inEscape = true
                result.unicodeScalars.append("\u{01}")
            }
            result.unicodeScalars.append(scalar)
            if inEscape, scalar == "m" {
                inEscape = false
                result.unicodeScalars.append("\u{02}")
            }
        }
        return result
    }

    private static func makeParent(of path: String) {
        var current = ""
        for component in path.split(separator: "/").dropLast() {
            current += "/" + component
            mkdir(current, 0o700)
        }
    }
}
