import ChatClient
import ChatREPL
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

/// Requests through an HTTP proxy: plain http in absolute form to the proxy itself, https in a
/// CONNECT tunnel; and a full round trip through a real relaying proxy (tinyproxy).
@Suite("Proxies")
struct ProxyTests {
    /// A client for `baseURL` whose requests go through the proxy at `port` on this machine.
    static func client(_ baseURL: String, proxyPort: Int, credentials: String? = nil) -> ChatClient {
        ChatClient(
            settings: ServerSettings(baseURL: .test(baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: AsyncHTTPTransport(
                connectTimeout: 10, proxy: ProxySettings(host: "127.0.0.1", port: proxyPort, credentials: credentials)))
    }

    /// Sends one streamed message; the result, so the caller shuts the client down whatever happens.
    static func ask(
        _ client: ChatClient, _ text: String = "hi", onDelta: @escaping @Sendable (ReplyDelta) -> Void = { _ in }
    ) async -> Result<ChatReply, any Error> {
        do {
            return .success(
                try await client.send(
                    ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: text)], stream: true),
                    onDelta: onDelta))
        } catch {
            return .failure(error)
        }
    }

    /// The in-process server plays a proxy that answers the request itself: what it records
    /// is the request line and headers the proxy got.
    @Test(arguments: [
        (
            "http://llm.example.test:8080/v1", "http://llm.example.test:8080/v1/chat/completions",
            "llm.example.test:8080"
        ),
        ("http://llm.example.test/v1", "http://llm.example.test/v1/chat/completions", "llm.example.test"),
        ("http://u:p@llm.example.test:81/v1", "http://llm.example.test:81/v1/chat/completions", "llm.example.test:81"),
    ])
    func plainHTTPGoesToTheProxyInAbsoluteForm(baseURL: String, target: String, host: String) async throws {
        let proxy = try await TestServer(always: streamReply("through the proxy"))
        let client = Self.client(baseURL, proxyPort: proxy.port, credentials: "me:secret")
        let deltas = Locked("")
        let result = await Self.ask(client) { delta in deltas.withLock { $0 += delta.content } }
        await client.shutdown()
        await proxy.shutdown()
        let reply = try result.get()
        #expect(reply.content == "through the proxy")
        #expect(deltas.withLock { $0 } == "through the proxy")
        let request = try #require(proxy.requests.first)
        #expect(request.method == "POST")
        #expect(request.uri == target)
        #expect(request.header("host") == host)
        #expect(request.header("proxy-authorization") == "Basic bWU6c2VjcmV0")
        #expect(request.bodyText.contains(#""content":"hi""#))
        #expect(proxy.requests.count == 1)
    }

    @Test func httpsIsTunnelledWithConnect() async throws {
        let proxy = try await TestServer(
            always: CannedResponse(status: 403, headers: [("Content-Length", "0")], chunks: []))
        let client = Self.client("https://llm.example.test/v1", proxyPort: proxy.port)
        let result = await askOnce(client)
        await proxy.shutdown()
        let request = try #require(proxy.requests.first)
        #expect(request.method == "CONNECT")
        #expect(request.uri == "llm.example.test:443")
        guard case .failure(let error as ChatClientError) = result else {
            Issue.record("expected a proxy error, got \(result)")
            return
        }
        #expect(error == .connection(.proxy("it refused to open a tunnel (CONNECT)"), host: "llm.example.test"))
    }

    @Test func aProxyAskingForCredentialsIsReportedAtOnce() async throws {
        let proxy = try await TestServer(
            always: CannedResponse(
                status: 407, headers: [("Proxy-Authenticate", "Basic realm=\"p\""), ("Content-Length", "0")],
                chunks: []))
        let result = await askOnce(Self.client("http://llm.example.test/v1", proxyPort: proxy.port))
        await proxy.shutdown()
        guard case .failure(let error as ChatClientError) = result else {
            Issue.record("expected a proxy error, got \(result)")
            return
        }
        #expect(
            error
                == .connection(
                    .proxy("it asks for authentication (407); give user:password in the proxy URL"),
                    host: "llm.example.test"))
        #expect(proxy.requests.count == 1)
    }

    /// A long reply through the proxy arrives whole, over many network reads.
    @Test func aLongReplyThroughTheProxyArrivesWhole() async throws {
        let word = String(repeating: "x", count: 1000)
        let events = (0..<2000).map {
            #"data: {"choices":[{"index":0,"delta":{"content":"\#($0):\#(word) "}}]}"# + "\n\n"
        }
        let end = #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"
        let proxy = try await TestServer(always: .sse(events + [end]))
        let client = Self.client("http://llm.example.test/v1", proxyPort: proxy.port)
        let result = await askOnce(client)
        await proxy.shutdown()
        let reply = try result.get()
        #expect(reply.content == (0..<2000).map { "\($0):\(word) " }.joined())
    }

    /// A cut in the middle of a proxied stream: every event received before it is handed on,
    /// whatever the timing (repeated).
    @Test(arguments: 0..<25)
    func aCutThroughTheProxyKeepsWhatCame(_ run: Int) async throws {
        let events = (0..<3).map { #"data: {"choices":[{"index":0,"delta":{"content":"w\#($0) "}}]}"# + "\n\n" }
        let proxy = try await TestServer(always: .sse(events, cutOff: true))
        let client = Self.client("http://llm.example.test/v1", proxyPort: proxy.port)
        let deltas = Locked("")
        await #expect(throws: ChatClientError.self) {
            _ = try await client.send(
                ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "hi")], stream: true)
            ) { delta in deltas.withLock { $0 += delta.content } }
        }
        await client.shutdown()
        await proxy.shutdown()
        #expect(deltas.withLock { $0 } == "w0 w1 w2 ")
    }

    @Test func aProxyThatIsNotRunningIsNamed() async throws {
        // Bound but not listening, and held: connections to it are refused, and no other test's
        // server can take the port meanwhile (a port closed after it was found free could be).
        let (port, socket) = try Self.boundPort()
        defer { close(socket) }
        let result = await askOnce(Self.client("http://llm.example.test/v1", proxyPort: port))
        guard case .failure(let error as ChatClientError) = result else {
            Issue.record("expected a connection error, got \(result)")
            return
        }
        #expect(error == .connection(.refused, host: "the proxy 127.0.0.1:\(port)"))
    }

    @Test func aHeaderWithALineBreakIsRefusedWithoutRepeatingIt() async throws {
        let proxy = try await TestServer(always: streamReply("never"))
        var settings = ServerSettings(baseURL: .test("http://llm.example.test/v1"), retry: RetryPolicy(maxRetries: 0))
        settings.headers = [("X-Title", "canary-value\r\nInjected: 1")]
        let client = ChatClient(
            settings: settings,
            transport: AsyncHTTPTransport(connectTimeout: 10, proxy: ProxySettings(host: "127.0.0.1", port: proxy.port))
        )
        let result = await askOnce(client)
        await proxy.shutdown()
        guard case .failure(let error as ChatClientError) = result else {
            Issue.record("expected a refusal, got \(result)")
            return
        }
        #expect("\(error)".contains("X-Title"))
        #expect(!"\(error)".contains("canary"))
        #expect(proxy.requests.isEmpty)
    }

    // MARK: - A real proxy

    static let tinyproxy = ["/usr/bin/tinyproxy", "/usr/sbin/tinyproxy", "/usr/local/bin/tinyproxy"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// A streamed reply from a server on this machine, relayed by tinyproxy (Debian's
    /// `tinyproxy-bin`), started here on a free port.
    @Test(.enabled(if: tinyproxy != nil, "tinyproxy is not installed (apt-get install tinyproxy-bin)"))
    func aRoundTripThroughTinyproxy() async throws {
        let path = try #require(Self.tinyproxy)
        try await withTemporaryDirectory { directory in
            let server = try await TestServer { _, index in streamReply("relayed \(index)") }
            let port = try Self.freePort()
            let log = directory + "/tinyproxy.log"
            let config = """
                Port \(port)
                Listen 127.0.0.1
                Timeout 60
                MaxClients 8
                Allow 127.0.0.1
                LogFile "\(log)"
                LogLevel Connect
                """
            try Data(config.utf8).write(to: URL(fileURLWithPath: directory + "/tinyproxy.conf"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-d", "-c", directory + "/tinyproxy.conf"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // tinyproxy takes its time over SIGTERM (it waits for its connections): killed outright.
            defer {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            let listening = await offPool { Self.waitUntilListening(port: port, seconds: 30) }
            try #require(listening, "tinyproxy did not start listening on port \(port)")

            let client = Self.client(server.baseURL, proxyPort: port)
            var results: [Result<ChatReply, any Error>] = []
            for turn in 0..<2 { results.append(await Self.ask(client, "turn \(turn)")) }
            await client.shutdown()
            await server.shutdown()
            #expect(try results.map { try $0.get().content } == ["relayed 0", "relayed 1"])
            #expect(server.requests.count == 2)
            let relayed = try #require(server.requests.first)
            #expect(relayed.uri == "/v1/chat/completions")
            #expect(relayed.header("via")?.contains("tinyproxy") == true, "\(relayed.headers)")
            #expect(relayed.bodyText.contains(#""content":"turn 0""#))
            let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            #expect(
                logged.contains("POST http://127.0.0.1:\(server.port)/v1/chat/completions HTTP/1.1"), "\(logged)")
            #expect(!logged.contains("CONNECT 127.0.0.1"))
        }
    }

    /// A port nothing listens on (it was free a moment ago).
    static func freePort() throws -> Int {
        let (port, fd) = try boundPort()
        close(fd)
        return port
    }

    /// A port of 127.0.0.1 bound to a socket that does not listen, and the socket.
    static func boundPort() throws -> (port: Int, socket: Int32) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        return (Int(UInt16(bigEndian: address.sin_port)), fd)
    }

    /// Whether something accepts connections on the port within the time (blocking: off the pool).
    static func waitUntilListening(port: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            close(fd)
            if connected { return true }
            usleep(50_000)
        }
        return false
    }
}
