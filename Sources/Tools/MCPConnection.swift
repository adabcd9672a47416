import ChatClient
import FoundationEssentials
import MCP
import SystemPackage

#if canImport(Glibc)
    import Glibc
#endif

/// One MCP server over stdio for the whole run: Parley starts the process (its stdin and
/// stdout on pipes, never Parley's terminal; its stderr into a log file), hands the pipes to
/// the SDK's client, and puts its own time limit on connecting and on every request. A limit
/// passed disconnects the client (whose loop would otherwise spin on a dead server) and stops
/// the process. A server that dies is started again once; after that it is reported.
public actor MCPConnection {
    public let config: MCPServerConfig
    /// The time limit of each request, from the config (changeable for tests).
    public private(set) var timeout: Double
    let environment: [String: String]
    let logPath: String
    private var client: Client?
    private var pid: pid_t = 0
    private var restarts = 0
    /// Why the server is out of use for the rest of the run, once it is.
    public private(set) var failure: String?

    /// One tool the server offers.
    public struct ServerTool: Sendable, Equatable {
        public var name: String
        public var description: String
        public var inputSchema: JSONValue

        public init(name: String, description: String, inputSchema: JSONValue) {
            self.name = name
            self.description = description
            self.inputSchema = inputSchema
        }
    }

    public init(config: MCPServerConfig, environment: ToolEnvironment, logPath: String) {
        self.config = config
        self.environment = environment.forTool(config.env)
        self.logPath = logPath
        timeout = config.timeout
    }

    /// Sets the time limit of the requests that follow.
    public func setTimeout(_ seconds: Double) {
        timeout = seconds
    }

    /// Starts the server and lists its tools.
    public func start() async -> Result<[ServerTool], MCPFailure> {
        if let failure { return .failure(MCPFailure(message: failure)) }
        do {
            try launch()
            let client = Client(name: "parley", version: "0.1.0")
            self.client = client
            let transport = try makeTransport()
            try await withLimit("starting (initialize)") { _ = try await client.connect(transport: transport) }
            var tools: [ServerTool] = []
            var cursor: String?
            repeat {
                let after = cursor
                let page = try await withLimit("listing its tools") { try await client.listTools(cursor: after) }
                for tool in page.tools {
                    tools.append(
                        ServerTool(
                            name: tool.name, description: tool.description ?? "",
                            inputSchema: Self.convert(tool.inputSchema) ?? .object(["type": .string("object")])))
                }
                cursor = page.nextCursor
            } while cursor != nil && tools.count < 10_000
            return .success(tools)
        } catch {
            await stop()
            let message = "MCP server \(config.name) did not start: \(Self.describe(error)) (its log: \(logPath))"
            failure = message
            return .failure(MCPFailure(message: message))
        }
    }

    /// Calls a tool; Ctrl-C (cancelling the task) sends the server a cancellation and returns at once.
    public func call(_ tool: String, arguments: [String: JSONValue]) async -> ToolResult {
        let started = Date()
        if let failure {
            return ToolResult(status: .failed, content: "error: \(failure)", summary: "server out of use")
        }
        let values = arguments.compactMapValues(Self.convert)
        for attempt in 0..<2 {
            guard let client else { break }
            do {
                let context: RequestContext<CallTool.Result> = try await client.callTool(name: tool, arguments: values)
                let result = try await withLimit("answering \(tool)") {
                    try await withTaskCancellationHandler {
                        try await context.value
                    } onCancel: {
                        Task { try? await client.cancelRequest(context.requestID, reason: "cancelled by the user") }
                    }
                }
                return Self.word(result, seconds: Date().timeIntervalSince(started))
            } catch is CancellationError {
                var result = ToolResult.cancelledByUser
                result.seconds = Date().timeIntervalSince(started)
                return result
            } catch let error as MCPFailure where error.timedOut {
                await stop()
                failure = "MCP server \(config.name) \(error.message); it was stopped"
                return ToolResult(
                    status: .timedOut, content: "error: timed out: the MCP server did not answer in time",
                    summary: "timed out after \(Int(timeout)) s")
            } catch {
                if Task.isCancelled { return .cancelledByUser }
                // A protocol error from a live server is the tool's result; a dead server is
                // started again, once in the run.
                if isAlive() {
                    return ToolResult(
                        status: .failed, content: "error: \(Self.describe(error))", summary: "MCP error")
                }
                await stop()
                guard attempt == 0, restarts == 0 else { break }
                restarts += 1
                if case .failure = await start() { break }
            }
        }
        let message = failure ?? "MCP server \(config.name) stopped working (its log: \(logPath))"
        failure = message
        return ToolResult(status: .failed, content: "error: \(message)", summary: "server died")
    }

    /// Disconnects and ends the process (at exit, or after a time limit passed).
    public func stop() async {
        if let client { await client.disconnect() }
        client = nil
        guard pid > 0 else { return }
        kill(-pid, SIGTERM)
        for _ in 0..<50 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) != 0 { break }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, WNOHANG)
        pid = 0
    }

    private var toServer: Int32 = -1
    private var fromServer: Int32 = -1

    private func launch() throws {
        var input: [Int32] = [-1, -1]
        var output: [Int32] = [-1, -1]
        guard PosixProcessRunner.makePipe(&input), PosixProcessRunner.makePipe(&output) else {
            throw MCPFailure(message: "no pipes (\(errnoText()))")
        }
        let directory = logPath.parentPath
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        defer { if log >= 0 { close(log) } }
        let argv = [config.command] + config.args
        let spawned = ChildSpawner.spawn(
            argv: argv, environment: environment, cwd: config.cwd,
            stdin: input[0], stdout: output[1], stderr: log >= 0 ? log : open("/dev/null", O_WRONLY))
        close(input[0])
        close(output[1])
        switch spawned {
        case .success(let child):
            pid = child
            toServer = input[1]
            fromServer = output[0]
        case .failure(let problem):
            close(input[1])
            close(output[0])
            throw MCPFailure(message: "\(config.command) could not be started: \(problem.message)")
        }
    }

    private func makeTransport() throws -> StdioTransport {
        StdioTransport(input: FileDescriptor(rawValue: fromServer), output: FileDescriptor(rawValue: toServer))
    }

    private func isAlive() -> Bool {
        guard pid > 0 else { return false }
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Runs `body` within the server's time limit, and no longer than the server lives (the
    /// SDK does not notice a server that exits with a request pending).
    private func withLimit<T: Sendable>(_ what: String, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        let seconds = timeout
        let child = pid
        return try await withThrowingTaskGroup(of: LimitEnding<T>.self) { group in
            group.addTask { .value(try await body()) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return .timeout
            }
            group.addTask {
                while child > 0, kill(child, 0) == 0 {
                    var status: Int32 = 0
                    if waitpid(child, &status, WNOHANG) == child { break }
                    try await Task.sleep(nanoseconds: 50_000_000)
                }
                return .exited
            }
            defer { group.cancelAll() }
            let first = try await group.next()
            if case .value(let value)? = first { return value }
            // The SDK's waits do not end on cancellation: disconnecting ends them, and stops
            // the client's loop from spinning on a server that is gone.
            await stop()
            if case .exited? = first {
                throw MCPFailure(message: "exited while \(what)")
            }
            throw MCPFailure(message: "took longer than \(Int(seconds)) s \(what)", timedOut: true)
        }
    }

    static func word(_ result: CallTool.Result, seconds: Double) -> ToolResult {
        var parts: [String] = []
        for item in result.content {
            switch item {
            case .text(let text, _, _): parts.append(text)
            case .image(let data, let mimeType, _, _):
                parts.append("[image, \(mimeType), \(data.utf8.count) bytes of base64]")
            case .audio(let data, let mimeType, _, _):
                parts.append("[audio, \(mimeType), \(data.utf8.count) bytes of base64]")
            case .resource(let resource, _, _):
                parts.append(resource.text ?? "[resource \(resource.uri)]")
            default: parts.append("[content of a kind Parley does not show]")
            }
        }
        let text = parts.joined(separator: "\n")
        let time = ToolExecutor.seconds(seconds)
        if result.isError == true {
            return ToolResult(
                status: .failed, content: "error: " + text, summary: "\(time), the tool reported an error",
                seconds: seconds)
        }
        return ToolResult(status: .ok, content: text, summary: "\(time), \(text.utf8.count) B", seconds: seconds)
    }

    /// JSON from our type to the SDK's, and back.
    static func convert(_ value: JSONValue) -> Value? {
        guard let data = try? JSONEncoder().encode(value) else { return nil }
        return try? JSONDecoder().decode(Value.self, from: data)
    }

    static func convert(_ value: Value) -> JSONValue? {
        guard let data = try? JSONEncoder().encode(value) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    static func describe(_ error: any Error) -> String {
        if let failure = error as? MCPFailure { return failure.message }
        if error is CancellationError { return "interrupted" }
        if let error = error as? MCPError { return error.errorDescription ?? "\(error)" }
        return "\(error)"
    }

    private func errnoText() -> String { String(cString: strerror(errno)) }
}

/// What ended a wait on the server first.
enum LimitEnding<T: Sendable>: Sendable {
    case value(T)
    case timeout
    case exited
}

/// Why an MCP server could not be used.
public struct MCPFailure: Error, Sendable, Equatable {
    public var message: String
    public var timedOut = false
}
