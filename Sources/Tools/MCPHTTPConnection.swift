import ChatClient
import FoundationEssentials
import MCP
import NIOCore

/// One MCP server over Streamable HTTP for the whole run, through Parley's own HTTP transport
/// and SSE parser (the SDK's HTTP transport hangs on Linux when a server answers with SSE).
/// Each JSON-RPC message is POSTed to the URL; the answer is one JSON body or an event stream
/// whose events carry messages, of which the response with the request's id is taken. The
/// `Mcp-Session-Id` the server gives at initialize goes with every later request, and a
/// DELETE ends the session at exit. Every request has the server's time limit.
public actor MCPHTTPConnection {
    public let config: MCPServerConfig
    /// The time limit of each request, from the config (changeable for tests).
    public private(set) var timeout: Double
    let transport: any HTTPTransport
    private var sessionID: String?
    private var negotiatedVersion: String?
    private var nextID = 1
    private var connected = false
    /// Why the server is out of use for the rest of the run, once it is.
    public private(set) var failure: String?

    /// The protocol version Parley asks for.
    public static let protocolVersion = "2025-06-18"
    /// The most one answer (a body or one event) may hold.
    static let maxMessageBytes = 16 << 20

    public init(config: MCPServerConfig, transport: any HTTPTransport) {
        self.config = config
        self.transport = transport
        timeout = config.timeout
    }

    /// Sets the time limit of the requests that follow.
    public func setTimeout(_ seconds: Double) {
        timeout = seconds
    }

    /// Initializes the session and lists the server's tools.
    public func start() async -> Result<[MCPConnection.ServerTool], MCPFailure> {
        if let failure { return .failure(MCPFailure(message: failure)) }
        do {
            let initialize: JSONValue = .object([
                "protocolVersion": .string(Self.protocolVersion),
                "capabilities": .object([:]),
                "clientInfo": .object(["name": .string("parley"), "version": .string("0.1.0")]),
            ])
            let answer = try await request("initialize", initialize, what: "starting (initialize)")
            negotiatedVersion = answer["protocolVersion"]?.stringValue ?? Self.protocolVersion
            connected = true
            try await notify("notifications/initialized")
            var tools: [MCPConnection.ServerTool] = []
            var cursor: String?
            repeat {
                let params: JSONValue = cursor.map { .object(["cursor": .string($0)]) } ?? .object([:])
                let page = try await request("tools/list", params, what: "listing its tools")
                guard case .array(let items)? = page["tools"] else {
                    throw MCPFailure(message: "answered tools/list without a list of tools")
                }
                for item in items {
                    guard let name = item["name"]?.stringValue, !name.isEmpty else { continue }
                    let schema: JSONValue
                    if case .object? = item["inputSchema"], let given = item["inputSchema"] {
                        schema = given
                    } else {
                        schema = .object(["type": .string("object")])
                    }
                    tools.append(
                        MCPConnection.ServerTool(
                            name: name, description: item["description"]?.stringValue ?? "", inputSchema: schema))
                }
                cursor = page["nextCursor"]?.stringValue
            } while cursor != nil && tools.count < 10_000
            return .success(tools)
        } catch {
            await stop()
            let message = Secrets.redact(
                "MCP server \(config.name) did not start: \(MCPConnection.describe(error)) (at \(config.url ?? ""))")
            failure = message
            return .failure(MCPFailure(message: message))
        }
    }

    /// Calls a tool; Ctrl-C (cancelling the task) tells the server (best effort) and returns at once.
    public func call(_ tool: String, arguments: [String: JSONValue]) async -> ToolResult {
        let started = Date()
        if let failure {
            return ToolResult(status: .failed, content: "error: \(failure)", summary: "server out of use")
        }
        guard connected else {
            return ToolResult(
                status: .failed, content: "error: MCP server \(config.name) is not connected", summary: "not connected")
        }
        let params: JSONValue = .object(["name": .string(tool), "arguments": .object(arguments)])
        let id = nextID
        do {
            let answer = try await request("tools/call", params, what: "answering \(tool)")
            let data = try JSONEncoder().encode(answer)
            guard let result = try? JSONDecoder().decode(CallTool.Result.self, from: data) else {
                throw MCPFailure(message: "answered tools/call with something that is not a tool result")
            }
            return MCPConnection.word(result, seconds: Date().timeIntervalSince(started))
        } catch is CancellationError {
            await cancelled(id)
            var result = ToolResult.cancelledByUser
            result.seconds = Date().timeIntervalSince(started)
            return result
        } catch let error as MCPFailure where error.timedOut {
            await cancelled(id)
            return ToolResult(
                status: .timedOut, content: "error: timed out: the MCP server did not answer in time",
                summary: "timed out after \(Int(timeout)) s")
        } catch {
            if Task.isCancelled {
                await cancelled(id)
                return .cancelledByUser
            }
            let message = Secrets.redact("MCP server \(config.name) \(MCPConnection.describe(error))")
            return ToolResult(status: .failed, content: "error: \(message)", summary: "MCP error")
        }
    }

    /// Ends the session: a DELETE with its id, best effort, within a few seconds.
    public func stop() async {
        defer {
            sessionID = nil
            connected = false
        }
        guard let sessionID, let url = config.url else { return }
        let spec = HTTPRequestSpec(method: .delete, url: url, headers: headers(session: sessionID))
        let transport = self.transport
        _ = try? await Self.limited(seconds: min(timeout, 5)) {
            let response = try await transport.send(spec)
            for try await _ in response.body {}
        }
    }

    /// Tells the server a request was given up on (best effort, off the caller's path).
    private func cancelled(_ id: Int) async {
        let params: JSONValue = .object([
            "requestId": .number(Double(id)), "reason": .string("cancelled by the user"),
        ])
        let body = Self.message(method: "notifications/cancelled", params: params, id: nil)
        guard let url = config.url, let body else { return }
        let spec = HTTPRequestSpec(method: .post, url: url, headers: headers(session: sessionID), body: body)
        let transport = self.transport
        Task { _ = try? await Self.limited(seconds: 5) { _ = try await Self.exchange(transport, spec, id: nil) } }
    }

    /// Sends a request and returns its result, or throws its error in words.
    private func request(_ method: String, _ params: JSONValue, what: String) async throws -> JSONValue {
        let id = nextID
        nextID += 1
        guard let url = config.url, let body = Self.message(method: method, params: params, id: id) else {
            throw MCPFailure(message: "could not write the \(method) request")
        }
        let spec = HTTPRequestSpec(method: .post, url: url, headers: headers(session: sessionID), body: body)
        let transport = self.transport
        let seconds = timeout
        let reply: Reply
        do {
            reply = try await Self.limited(seconds: seconds) { try await Self.exchange(transport, spec, id: id) }
        } catch is LimitPassed {
            throw MCPFailure(message: "took longer than \(Int(seconds)) s \(what)", timedOut: true)
        }
        if method == "initialize", let given = reply.sessionID { sessionID = given }
        guard let message = reply.message else {
            throw MCPFailure(message: "gave no answer to \(method)")
        }
        if let error = message["error"] {
            let code = error["code"]?.numberValue.map { " \(Int($0))" } ?? ""
            let text = error["message"]?.stringValue ?? "no message"
            throw MCPFailure(message: "answered \(method) with an error\(code): \(Self.excerpt(text))")
        }
        guard let result = message["result"] else {
            throw MCPFailure(message: "answered \(method) with neither a result nor an error")
        }
        return result
    }

    /// Sends a notification (the server answers 202 Accepted).
    private func notify(_ method: String) async throws {
        guard let url = config.url, let body = Self.message(method: method, params: nil, id: nil) else { return }
        let spec = HTTPRequestSpec(method: .post, url: url, headers: headers(session: sessionID), body: body)
        let transport = self.transport
        let seconds = timeout
        do {
            _ = try await Self.limited(seconds: seconds) { try await Self.exchange(transport, spec, id: nil) }
        } catch is LimitPassed {
            throw MCPFailure(message: "took longer than \(Int(seconds)) s taking \(method)", timedOut: true)
        }
    }

    /// The headers of every request: the config's, then the protocol's.
    private func headers(session: String?) -> [(name: String, value: String)] {
        var list: [(name: String, value: String)] = config.headers.sorted { $0.key < $1.key }.map {
            (name: $0.key, value: $0.value)
        }
        let reserved = ["content-type", "accept", "mcp-session-id", "mcp-protocol-version"]
        list.removeAll { reserved.contains($0.name.lowercased()) }
        list.append((name: "Content-Type", value: "application/json"))
        list.append((name: "Accept", value: "application/json, text/event-stream"))
        if let session { list.append((name: "Mcp-Session-Id", value: session)) }
        if let negotiatedVersion { list.append((name: "MCP-Protocol-Version", value: negotiatedVersion)) }
        return list
    }

    /// One JSON-RPC message as bytes: a request with an id, or a notification without.
    static func message(method: String, params: JSONValue?, id: Int?) -> [UInt8]? {
        var members: [String: JSONValue] = ["jsonrpc": .string("2.0"), "method": .string(method)]
        if let params { members["params"] = params }
        guard var text = try? String(decoding: JSONEncoder().encode(JSONValue.object(members)), as: UTF8.self),
            text.hasSuffix("}")
        else { return nil }
        if let id {
            text.removeLast()
            text += ",\"id\":\(id)}"
        }
        return Array(text.utf8)
    }

    /// What one POST brought back.
    struct Reply: Sendable {
        var sessionID: String?
        /// The response with the request's id (nil for a notification).
        var message: JSONValue?
    }

    /// POSTs one message and reads the answer: for a request, the response with its id, from
    /// a JSON body or an event stream; for a notification, nothing (202 Accepted).
    static func exchange(_ transport: any HTTPTransport, _ spec: HTTPRequestSpec, id: Int?) async throws -> Reply {
        // (NIOCore and MCP have an HTTPResponse too: the parts are named instead.)
        let response: (head: HTTPResponseHead, body: ResponseBody)
        do {
            let sent = try await transport.send(spec)
            response = (sent.head, sent.body)
        } catch let error as ChatClientError {
            throw MCPFailure(message: "could not be reached: \(reason(error))")
        }
        let status = response.head.status
        let sessionID = response.head.header("Mcp-Session-Id")
        guard (200..<300).contains(status) else {
            let text = try await readBody(response.body, limit: 4096, partial: true)
            throw MCPFailure(message: "answered HTTP \(status)\(describeError(text))")
        }
        guard let id else {
            for try await _ in response.body {}
            return Reply(sessionID: sessionID, message: nil)
        }
        if status == 202 || status == 204 {
            throw MCPFailure(message: "answered HTTP \(status) with no response to the request")
        }
        let type = response.head.header("Content-Type")?.lowercased() ?? ""
        if type.hasPrefix("text/event-stream") {
            var parser = SSEParser()
            for try await chunk in response.body {
                for event in parser.feed(chunk.readableBytesView) {
                    guard event.data.utf8.count <= maxMessageBytes else {
                        throw MCPFailure(message: "sent an event larger than \(maxMessageBytes >> 20) MB")
                    }
                    if let message = matching(Data(event.data.utf8), id: id) {
                        return Reply(sessionID: sessionID, message: message)
                    }
                }
            }
            throw MCPFailure(message: "ended its event stream without the response")
        }
        let body = try await readBody(response.body, limit: maxMessageBytes, partial: false)
        guard let message = matching(Data(body), id: id) else {
            let shown = type.isEmpty ? "no Content-Type" : "Content-Type \(type)"
            let start = excerpt(String(decoding: body, as: UTF8.self))
            throw MCPFailure(message: "answered with no JSON-RPC response to the request (\(shown): \(start))")
        }
        return Reply(sessionID: sessionID, message: message)
    }

    /// A transport failure in words.
    static func reason(_ error: ChatClientError) -> String {
        switch error {
        case .connection(let failure, let host):
            switch failure {
            case .refused: return "\(host) refused the connection"
            case .hostNotFound: return "no host \(host) was found"
            case .unreachable: return "\(host) is unreachable"
            case .tls(let text): return "TLS with \(host) failed: \(excerpt(text))"
            case .reset: return "the connection to \(host) was reset"
            case .proxy(let text): return "the proxy refused: \(excerpt(text))"
            case .other(let text): return excerpt(text)
            }
        case .timeout(_, let seconds): return "no connection within \(Int(seconds)) s"
        case .invalidRequest(let text), .invalidResponse(let text): return excerpt(text)
        default: return "the connection failed"
        }
    }

    /// The response with `id` in a JSON text (one message, or a batch), if there is one.
    static func matching(_ data: Data, id: Int) -> JSONValue? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return nil }
        let messages: [JSONValue]
        if case .array(let items) = value { messages = items } else { messages = [value] }
        for message in messages where message["method"] == nil {
            switch message["id"] {
            case .number(let number)? where number == Double(id): return message
            case .string(let text)? where text == String(id): return message
            default: continue
            }
        }
        return nil
    }

    /// A body's bytes, up to `limit` (beyond it: cut when `partial`, else an error).
    static func readBody(_ body: ResponseBody, limit: Int, partial: Bool) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        for try await chunk in body {
            bytes.append(contentsOf: chunk.readableBytesView)
            if bytes.count > limit {
                if partial { return Array(bytes.prefix(limit)) }
                throw MCPFailure(message: "sent an answer larger than \(limit >> 20) MB")
            }
        }
        return bytes
    }

    /// An error body in words: a JSON-RPC error's message, or the text's start.
    static func describeError(_ body: [UInt8]) -> String {
        if let value = try? JSONDecoder().decode(JSONValue.self, from: Data(body)) {
            if let error = value["error"] {
                if let text = error["message"]?.stringValue { return ": " + excerpt(text) }
                if let text = error.stringValue { return ": " + excerpt(text) }
            }
        }
        let text = String(decoding: body, as: UTF8.self).trimmingWhitespaceAndNewlines
        return text.isEmpty ? "" : ": " + excerpt(text)
    }

    /// The start of a text, on one line, control characters left out.
    static func excerpt(_ text: String) -> String {
        let line = String(
            text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }

    /// Runs `body` for at most `seconds`; cancelling it passes on (the transport ends the request).
    static func limited<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw LimitPassed() }
            return value
        }
    }

    /// The time limit passed.
    struct LimitPassed: Error {}
}

extension MCPHTTPConnection: MCPServerConnection {}
