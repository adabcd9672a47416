import ChatClient
import ChatREPL
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

/// Sends one question and shuts the client down whatever happens.
func askOnce(_ client: ChatClient) async -> Result<ChatReply, any Error> {
    let result: Result<ChatReply, any Error>
    do {
        result = .success(
            try await client.send(
                ChatRequest(model: "gpt-4o", messages: [.init(role: .user, content: "q")], stream: true)
            ) { _ in })
    } catch {
        result = .failure(error)
    }
    await client.shutdown()
    return result
}

@Suite("Key sources, Azure, proxies and plain http")
struct CompatibilityTests {
    let paths = Paths(environment: ["HOME": "/home/u"])
    /// Config and key files; removed when the test is over (a suite instance lives for one test).
    let temporary = TemporaryDirectory()

    func config(_ json: String, mode: Int = 0o600) throws -> ConfigFile {
        let path = temporary.path + "/config-\(UUID().uuidString).json"
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, mode_t(mode))
        return try ConfigFile.load(path: path, mustExist: true)
    }

    func resolve(
        _ file: ConfigFile, flags: CommandLineSettings = CommandLineSettings(), env: [String: String] = [:],
        run: @escaping RunSettings.CommandRunner = { _, _ throws(ParleyError) in "sk-from-command\n" }
    ) throws(ParleyError) -> RunSettings {
        try RunSettings.resolve(flags: flags, environment: env, file: file, paths: paths, runCommand: run)
    }

    @Test func keyFileMustBePrivate() throws {
        let keyPath = temporary.path + "/key"
        try Data("sk-in-file\n".utf8).write(to: URL(fileURLWithPath: keyPath))
        chmod(keyPath, 0o600)
        let file = try config(#"{"api_key_file": "\#(keyPath)"}"#)
        let settings = try resolve(file)
        #expect(settings.server.apiKey == "sk-in-file")
        #expect(settings.keyNote.contains(keyPath))
        chmod(keyPath, 0o644)
        #expect {
            _ = try resolve(file)
        } throws: { error in
            guard case ParleyError.setup(let message) = error else { return false }
            return message.contains("can be read by other users") && message.contains("chmod 600")
        }
    }

    @Test func keyCommandAndItsFailure() throws {
        let file = try config(#"{"api_key_command": "pass show openai"}"#)
        #expect(try resolve(file).server.apiKey == "sk-from-command")
        #expect {
            _ = try resolve(
                file, run: { _, _ throws(ParleyError) in throw .setup("api_key_command failed (exit status 1)") })
        } throws: { error in
            (error as? ParleyError) == .setup("api_key_command failed (exit status 1)")
        }
        #expect(throws: ParleyError.self) { _ = try resolve(file, run: { _, _ throws(ParleyError) in "" }) }
    }

    /// The key command's time limit and the longest server wait: 10 s and 120 s unless the
    /// config (or the profile) says otherwise.
    @Test func keyCommandTimeoutAndServerWaitComeFromTheConfig() throws {
        let limits = Locked<[Double]>([])
        let run: RunSettings.CommandRunner = { _, limit throws(ParleyError) in
            limits.withLock { $0.append(limit) }
            return "sk-from-command"
        }
        let plain = try resolve(try config(#"{"api_key_command": "x"}"#), run: run)
        #expect(plain.server.maxServerWait == 120)
        #expect(plain.server.retry.maxRetryAfter == 120)
        let set = try resolve(
            try config(
                #"{"api_key_command": "x", "api_key_command_timeout": 2.5, "max_server_wait": 30, "#
                    + #""profiles": {"p": {"max_server_wait": 7}}}"#), run: run)
        #expect(set.server.maxServerWait == 30)
        var flags = CommandLineSettings()
        flags.profile = "p"
        let profile = try resolve(
            try config(#"{"api_key_command": "x", "profiles": {"p": {"max_server_wait": 7}}}"#), flags: flags,
            run: run)
        #expect(profile.server.maxServerWait == 7)
        #expect(limits.withLock { $0 } == [10, 2.5, 10])
    }

    @Test func keyInTheConfigOnlyWhenOthersCannotReadIt() throws {
        #expect(try resolve(try config(#"{"api_key": "sk-literal"}"#)).server.apiKey == "sk-literal")
        #expect {
            _ = try resolve(try config(#"{"api_key": "sk-literal"}"#, mode: 0o644))
        } throws: { error in
            guard case ParleyError.setup(let message) = error else { return false }
            return message.contains("other users can read it") && !message.contains("sk-literal")
        }
    }

    @Test func oneKeySourcePerLevelAndProfilesReplaceIt() throws {
        #expect(throws: ParleyError.self) { _ = try config(#"{"api_key_env": "A", "api_key": "k"}"#) }
        let file = try config(#"{"api_key_env": "TOP_KEY", "profiles": {"p": {"api_key_command": "x"}}}"#)
        var flags = CommandLineSettings()
        flags.profile = "p"
        #expect(try resolve(file, flags: flags, env: ["TOP_KEY": "top"]).server.apiKey == "sk-from-command")
        #expect(try resolve(file, env: ["TOP_KEY": "top"]).server.apiKey == "top")
    }

    @Test func plainHTTPWithAKeyIsRefusedUnlessAllowed() throws {
        var flags = CommandLineSettings()
        flags.baseURL = "http://gpu-box.lan:8000/v1"
        flags.apiKeyEnv = "KEY"
        #expect {
            _ = try resolve(ConfigFile(), flags: flags, env: ["KEY": "k"])
        } throws: { error in
            guard case ParleyError.setup(let message) = error else { return false }
            return message.contains("plain http") && message.contains("allow_insecure_http")
        }
        #expect(
            try resolve(try config(#"{"allow_insecure_http": true}"#), flags: flags, env: ["KEY": "k"]).server.apiKey
                == "k")
        flags.baseURL = "http://127.0.0.1:8000/v1"
        #expect(try resolve(ConfigFile(), flags: flags, env: ["KEY": "k"]).server.apiKey == "k")
        flags.baseURL = "http://gpu-box.lan:8000/v1"
        flags.apiKeyEnv = nil
        #expect(try resolve(ConfigFile(), flags: flags).server.apiKey == nil)  // no key, nothing to protect
    }

    @Test func proxyResolution() throws {
        let env = [
            "HTTPS_PROXY": "http://user:p%40ss@proxy.corp:3128", "http_proxy": "proxy.corp",
            "NO_PROXY": ".internal,other.com",
        ]
        let https = try ProxyURL.resolve(baseURL: .test("https://api.openai.com/v1"), configured: nil, environment: env)
        #expect(https == ProxySettings(host: "proxy.corp", port: 3128, credentials: "user:p@ss"))
        let http = try ProxyURL.resolve(baseURL: .test("http://gpu.lan/v1"), configured: nil, environment: env)
        #expect(http == ProxySettings(host: "proxy.corp", port: 1080))
        #expect(
            try ProxyURL.resolve(baseURL: .test("https://llm.internal/v1"), configured: nil, environment: env) == nil)
        #expect(
            try ProxyURL.resolve(baseURL: .test("https://api.other.com/v1"), configured: nil, environment: env) == nil)
        #expect(
            try ProxyURL.resolve(baseURL: .test("http://localhost:11434/v1"), configured: nil, environment: env) == nil)
        #expect(
            try ProxyURL.resolve(baseURL: .test("https://api.openai.com/v1"), configured: "none", environment: env)
                == nil)
        #expect(
            try ProxyURL.resolve(
                baseURL: .test("https://api.openai.com/v1"), configured: "http://other:8080", environment: env)
                == ProxySettings(host: "other", port: 8080))
        #expect(ProxyURL.bypasses(host: "x.example.com", noProxy: "*"))
        #expect(throws: ParleyError.self) { _ = try config(#"{"proxy": "socks5://x:1"}"#) }
    }

    @Test func azureUsesDeploymentsApiVersionAndTheApiKeyHeader() async throws {
        let server = try await TestServer(always: streamReply("from azure"))
        let file = try config(
            #"{"base_url": "http://127.0.0.1:\#(server.port)", "azure_deployment": "gpt4o-prod", "api_key_env": "AZ"}"#)
        let settings = try resolve(file, env: ["AZ": "azure-key"])
        let client = ChatClient(settings: settings.server, transport: LiveTransport.make(connectTimeout: 5))
        let reply = try await askOnce(client).get()
        await server.shutdown()
        #expect(reply.content == "from azure")
        let request = try #require(server.requests.first)
        #expect(request.uri == "/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21")
        #expect(request.header("api-key") == "azure-key")
        #expect(request.header("authorization") == nil)
    }

    @Test func requestsGoThroughTheProxyWithItsCredentials() async throws {
        // The test server plays a proxy that refuses to open the tunnel: what matters is that
        // the request went to it, for the right host, with the credentials, and the refusal is
        // worded for people.
        let proxy = try await TestServer(
            always: CannedResponse(status: 502, headers: [("Content-Length", "0")], chunks: []))
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("https://llm.example.test/v1"), retry: RetryPolicy(maxRetries: 0)),
            transport: AsyncHTTPTransport(
                connectTimeout: 10, proxy: ProxySettings(host: "127.0.0.1", port: proxy.port, credentials: "me:secret"))
        )
        let result = await askOnce(client)
        await proxy.shutdown()
        let request = try #require(proxy.requests.first)
        #expect(request.method == "CONNECT")
        #expect(request.uri == "llm.example.test:443")
        #expect(request.header("proxy-authorization") == "Basic bWU6c2VjcmV0")
        guard case .failure(let error as ChatClientError) = result else {
            Issue.record("expected a proxy error, got \(result)")
            return
        }
        #expect(error == .connection(.proxy("it refused to open a tunnel (CONNECT)"), host: "llm.example.test"))
    }
}
