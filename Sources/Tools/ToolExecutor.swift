import ChatClient
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one approved tool call and words its result, for the model and for the user.
public struct ToolExecutor: Sendable {
    public let runner: any ProcessRunner
    public let environment: ToolEnvironment
    /// Where `shell` runs and what `read_file` reads under.
    public let workingDirectory: String
    /// The most `read_file` returns.
    public var readFileLimit = 262_144
    /// The MCP servers of the config, by name (started by the session when first enabled).
    public var servers: [String: any MCPServerConnection] = [:]

    public init(runner: any ProcessRunner, environment: ToolEnvironment, workingDirectory: String) {
        self.runner = runner
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The arguments as a JSON object, or why they are not one.
    public static func parseArguments(_ text: String) -> Result<[String: JSONValue], ArgumentProblem> {
        let trimmed = text.trimmingWhitespaceAndNewlines
        if trimmed.isEmpty { return .success([:]) }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8)) else {
            return .failure(ArgumentProblem(message: "the arguments are not valid JSON: \(excerpt(trimmed))"))
        }
        guard case .object(let members) = value else {
            return .failure(ArgumentProblem(message: "the arguments must be a JSON object, got \(value.kindName)"))
        }
        return .success(members)
    }

    /// Arguments that cannot be used, said to the model so it can try again.
    public struct ArgumentProblem: Error, Equatable {
        public var message: String
    }

    public func run(_ tool: ToolDefinition, arguments: String) async -> ToolResult {
        let members: [String: JSONValue]
        switch Self.parseArguments(arguments) {
        case .success(let parsed): members = parsed
        case .failure(let problem):
            return ToolResult(status: .failed, content: "error: \(problem.message)", summary: "bad arguments")
        }
        switch tool.kind {
        case .command(let command):
            let text = arguments.trimmingWhitespaceAndNewlines
            let request = ProcessRequest(
                argv: command.argv, input: Array((text.isEmpty ? "{}" : text).utf8) + [0x0A], cwd: command.cwd,
                environment: environment.forTool(command.env), timeout: command.timeout,
                maxOutputBytes: command.maxOutputBytes)
            return Self.word(await runner.run(request), timeout: command.timeout, limit: command.maxOutputBytes)
        case .shell:
            guard let line = members["command"]?.stringValue, !line.isEmpty else {
                return ToolResult(
                    status: .failed, content: "error: give the command line as {\"command\": \"...\"}",
                    summary: "bad arguments")
            }
            let request = ProcessRequest(
                argv: ["/bin/sh", "-c", line], cwd: workingDirectory, environment: environment.forTool([:]),
                timeout: CommandTool.defaultTimeout, maxOutputBytes: CommandTool.defaultMaxOutputBytes)
            return Self.word(
                await runner.run(request), timeout: CommandTool.defaultTimeout,
                limit: CommandTool.defaultMaxOutputBytes, withErrors: true)
        case .readFile:
            return readFile(members["path"]?.stringValue)
        case .mcp(let server, let name):
            guard let connection = servers[server] else {
                return ToolResult(status: .failed, content: "error: no MCP server \(server)", summary: "no server")
            }
            return await connection.call(name, arguments: members)
        }
    }

    /// A process's ending in words.
    static func word(_ outcome: ProcessOutcome, timeout: Double, limit: Int, withErrors: Bool = false) -> ToolResult {
        var text = String(decoding: outcome.output, as: UTF8.self)
        let cut = outcome.outputBytes > outcome.output.count
        if cut {
            text += "\n[output cut: the first \(outcome.output.count) of \(outcome.outputBytes) bytes are shown]"
        }
        let errors = String(decoding: outcome.errorTail, as: UTF8.self).trimmingWhitespaceAndNewlines
        let size = "\(Self.bytes(outcome.outputBytes))" + (cut ? " (cut)" : "")
        let time = Self.seconds(outcome.seconds)
        switch outcome.ending {
        case .exited(0):
            if withErrors, !errors.isEmpty { text += (text.isEmpty ? "" : "\n") + "[stderr]\n" + errors }
            return ToolResult(status: .ok, content: text, summary: "\(time), \(size), exit 0", seconds: outcome.seconds)
        case .exited(let code):
            var content = "error: the command exited with status \(code)"
            if !errors.isEmpty { content += "\n[stderr, last lines]\n" + Self.lastLines(errors, 20) }
            if !text.isEmpty { content += "\n[stdout]\n" + text }
            return ToolResult(
                status: .failed, content: content, summary: "\(time), \(size), exit \(code)", seconds: outcome.seconds)
        case .signalled(let signal):
            var content = "error: the command was killed by signal \(signal)"
            if !errors.isEmpty { content += "\n[stderr, last lines]\n" + Self.lastLines(errors, 20) }
            if !text.isEmpty { content += "\n[stdout]\n" + text }
            return ToolResult(
                status: .failed, content: content, summary: "\(time), killed by signal \(signal)",
                seconds: outcome.seconds)
        case .timedOut:
            var content = "error: timed out after \(Self.seconds(timeout)): the command was stopped"
            if !text.isEmpty { content += "\n[output so far]\n" + text }
            return ToolResult(
                status: .timedOut, content: content, summary: "timed out after \(Self.seconds(timeout))",
                seconds: outcome.seconds)
        case .cancelled:
            var result = ToolResult.cancelledByUser
            result.seconds = outcome.seconds
            return result
        case .notStarted(let reason):
            return ToolResult(
                status: .failed, content: "error: the command could not be started: \(reason)",
                summary: "not started: \(reason)")
        }
    }

    private func readFile(_ path: String?) -> ToolResult {
        func failure(_ text: String) -> ToolResult {
            ToolResult(status: .failed, content: "error: \(text)", summary: text)
        }
        guard let path, !path.isEmpty else { return failure("give the file as {\"path\": \"relative/path\"}") }
        let base = Self.realPath(workingDirectory) ?? workingDirectory
        let joined = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        guard let real = Self.realPath(joined) else { return failure("no such file: \(path)") }
        guard real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
            return failure(
                "\(path) is outside the current directory (\(workingDirectory)); only files under it are read")
        }
        var info = stat()
        guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return failure("\(path) is not a regular file")
        }
        guard let bytes = Self.readPrefix(real, limit: readFileLimit) else { return failure("\(path) cannot be read") }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            // A cut may split a character: only a file that is not text at all is refused.
            if !bytes.contains(0), Int(info.st_size) > readFileLimit {
                return ToolResult(
                    status: .ok, content: String(decoding: bytes, as: UTF8.self) + cutNote(Int(info.st_size)),
                    summary: "\(Self.bytes(Int(info.st_size))) (cut)")
            }
            return failure("\(path) is not a text file")
        }
        let size = Int(info.st_size)
        let note = size > readFileLimit ? cutNote(size) : ""
        return ToolResult(
            status: .ok, content: text + note, summary: Self.bytes(size) + (note.isEmpty ? "" : " (cut)"))
    }

    /// The first `limit` bytes of a file (fewer at its end); nil when it cannot be opened, and
    /// none when a read fails (as Foundation's `FileHandle.read(upToCount:)` under `try?` gave).
    static func readPrefix(_ path: String, limit: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while bytes.count < limit {
            let wanted = min(buffer.count, limit - bytes.count)
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, wanted) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { return [] }
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    private func cutNote(_ size: Int) -> String {
        "\n[file cut: the first \(readFileLimit) of \(size) bytes are shown]"
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func lastLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }

    static func excerpt(_ text: String) -> String {
        text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    static func bytes(_ count: Int) -> String {
        count < 1024 ? "\(count) B" : count < 1 << 20 ? "\(count / 1024) KB" : "\(count >> 20) MB"
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? Formatting.oneDecimal(value) + " s" : "\(Int(value.rounded())) s"
    }
}
