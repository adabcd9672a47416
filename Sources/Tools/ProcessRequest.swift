/// What to run for a tool call: the program and its arguments, what goes to its stdin, where,
/// with which environment, and the limits.
public struct ProcessRequest: Sendable, Equatable {
    public var argv: [String]
    public var input: [UInt8]
    public var cwd: String?
    /// The whole environment of the child (nothing else is inherited).
    public var environment: [String: String]
    /// Seconds before the process group is killed.
    public var timeout: Double
    /// Bytes of stdout kept; the rest is read and dropped.
    public var maxOutputBytes: Int
    /// Give it Parley's own stdin and stderr instead of pipes, for a program that may ask the
    /// user something (a password manager); `input` is then unused. It still runs in a process
    /// group of its own, which a timeout kills whole; when that stdin is Parley's terminal, its
    /// group has the terminal while it runs.
    public var sharesStdinAndStderr: Bool

    public init(
        argv: [String], input: [UInt8] = [], cwd: String? = nil, environment: [String: String] = [:],
        timeout: Double = 60, maxOutputBytes: Int = 65_536, sharesStdinAndStderr: Bool = false
    ) {
        self.sharesStdinAndStderr = sharesStdinAndStderr
        self.argv = argv
        self.input = input
        self.cwd = cwd
        self.environment = environment
        self.timeout = timeout
        self.maxOutputBytes = maxOutputBytes
    }
}

/// How a process ended and what it wrote.
public struct ProcessOutcome: Sendable, Equatable {
    public enum Ending: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
        /// It could not be started (the reason).
        case notStarted(String)
    }

    public var ending: Ending
    /// Standard output, up to the limit.
    public var output: [UInt8]
    /// How many bytes it wrote to stdout in all.
    public var outputBytes: Int
    /// The last few KB of standard error.
    public var errorTail: [UInt8]
    public var seconds: Double

    public init(ending: Ending, output: [UInt8], outputBytes: Int, errorTail: [UInt8], seconds: Double) {
        self.ending = ending
        self.output = output
        self.outputBytes = outputBytes
        self.errorTail = errorTail
        self.seconds = seconds
    }
}
