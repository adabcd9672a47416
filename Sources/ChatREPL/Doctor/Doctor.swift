import ChatClient

/// `parley doctor` and `/doctor`: checks each step from the config to a streamed reply, prints
/// a verdict for each with the fix for a failure, and a curl command (key redacted) that
/// reproduces the request.
public struct Doctor {
    public enum Verdict: Equatable {
        case ok(String)
        case warning(String, fix: String)
        case failed(String, fix: String)
        case skipped(String)
    }

    public struct Step: Equatable {
        public var name: String
        public var verdict: Verdict
    }

    var settings: RunSettings
    let makeTransport: @Sendable () -> any HTTPTransport
    let prober: any NetworkProber
    let console: Console

    public init(
        settings: RunSettings, console: Console, prober: any NetworkProber,
        makeTransport: @escaping @Sendable () -> any HTTPTransport
    ) {
        self.settings = settings
        self.console = console
        self.prober = prober
        self.makeTransport = makeTransport
    }

    /// The exit status of a run: 0 when no step failed.
    public static func exitStatus(_ steps: [Step]) -> ExitStatus {
        steps.contains { if case .failed = $0.verdict { true } else { false } } ? .failure : .ok
    }

    /// The same checks for another model (the REPL's current one).
    public func checking(model: String) -> Doctor {
        var copy = self
        copy.settings.conversation.model = model
        return copy
    }

    /// Runs every step, printing each as it ends; returns them all.
    @discardableResult
    public func run(profile: String?) async -> [Step] {
        var steps: [Step] = []
        func record(_ name: String, _ verdict: Verdict) {
            let step = Step(name: name, verdict: verdict)
            steps.append(step)
            console.say(Secrets.redact(Self.line(step)))
        }
        let server = settings.server
        record("config", .ok(profile.map { "resolved, profile \($0)" } ?? "resolved"))
        record("base URL", .ok(server.baseURL.description))
        if let key = server.apiKey {
            record("API key", .ok("\(settings.keyNote); ends in …\(String(key.suffix(4)))"))
        } else {
            record("API key", .ok("none sent (\(settings.keyNote))"))
        }
        let host = server.baseURL.host
        switch prober.resolve(host) {
        case .success(let addresses):
            record("DNS", .ok("\(host) → \(addresses.prefix(3).joined(separator: ", "))"))
        case .failure:
            record("DNS", .failed("cannot resolve \(host)", fix: "check the host name in the base URL and the network"))
            return finish(steps)
        }
        let secure = server.baseURL.isSecure
        let port = server.baseURL.port
        switch await prober.connect(host: host, port: port, timeout: server.timeouts.connect) {
        case .success:
            record("TCP", .ok("connected to \(host):\(port)"))
        case .failure(let error):
            let words = ErrorWording.words(for: error, context: settings.errorContext)
            record("TCP", .failed(words.message, fix: words.advice ?? "check that the server is running"))
            return finish(steps)
        }

        // The model list: also proves TLS, the path and the key.
        let models = await listModels(at: server.baseURL)
        var modelList: [String]?
        switch models {
        case .success(let list):
            if secure { record("TLS", .ok("handshake with \(host) succeeded")) }
            record("endpoint", .ok("GET /models answered with \(list.count) models"))
            record("authentication", .ok(server.apiKey == nil ? "the server needs no key" : "the key was accepted"))
            modelList = list
        case .failure(let error):
            if case .connection(.tls(let detail), _) = error {
                record("TLS", .failed(detail, fix: "check the scheme (https for remote servers) and the certificates"))
                return finish(steps)
            }
            if secure { record("TLS", .ok("handshake with \(host) succeeded")) }
            if case .http(let status, _, _) = error, status == 401 || status == 403 {
                record("endpoint", .ok("GET /models reached the API"))
                record(
                    "authentication",
                    .failed(
                        "the server refused the key (\(status))",
                        fix: server.apiKey == nil
                            ? "this server wants a key: \(settings.keyNote)" : "check the key: \(settings.keyNote)"))
                return finish(steps)
            }
            if case .http(404, _, _) = error, let better = await probePath() {
                record("endpoint", .failed("GET /models answered 404", fix: better))
                return finish(steps)
            }
            if case .http(404, _, _) = error {
                record("endpoint", .warning("the server has no /models endpoint", fix: "none needed if chat works"))
            } else {
                let words = ErrorWording.words(for: error, context: settings.errorContext)
                record("endpoint", .warning(words.message, fix: words.advice ?? "see the chat step below"))
            }
            record("authentication", .skipped("checked by the chat request below"))
        }

        let model = settings.conversation.model
        if let list = modelList {
            if list.contains(model) {
                record("model", .ok("\(model) is offered"))
            } else {
                let near = list.filter { $0.lowercased().contains(model.lowercased().prefix(4)) }.prefix(5)
                record(
                    "model",
                    .failed(
                        "\(model) is not among the server's \(list.count) models",
                        fix: "choose one with --model"
                            + (near.isEmpty ? " (parley models lists them)" : ", e.g. \(near.joined(separator: ", "))"))
                )
            }
        } else {
            record("model", .skipped("no model list to check \(model) against"))
        }

        await chat(record)
        return finish(steps)
    }

    private func chat(_ record: (String, Verdict) -> Void) async {
        let client = ChatClient(settings: settings.server, transport: makeTransport())
        let request = probeRequest
        do {
            let reply = try await client.send(request) { _ in }
            let text = reply.content.isEmpty ? "(no text)" : "\"\(reply.content.prefix(40))\""
            record("streaming chat", .ok("\(request.model) answered \(text)"))
            if let usage = reply.usage {
                record("usage", .ok("reported: \(usage.totalTokens) tokens"))
            } else {
                record("usage", .warning("the server reports no usage", fix: "none: Parley estimates it (marked so)"))
            }
        } catch let error as ChatClientError {
            let words = ErrorWording.words(for: error, context: settings.errorContext)
            record("streaming chat", .failed(words.message, fix: words.advice ?? "see the message"))
        } catch {
            record("streaming chat", .failed("interrupted", fix: "run it again"))
        }
        await client.shutdown()
    }

    private var probeRequest: ChatRequest {
        ChatRequest(
            model: settings.conversation.model, messages: [ChatMessage(role: .user, content: "Say OK.")],
            parameters: RequestParameters([ParameterSpec.maxTokens.name: .number(1)]),
            maxTokensField: settings.server.maxTokensField, stream: true)
    }

    private func finish(_ steps: [Step]) -> [Step] {
        console.say("\nthe same request with curl (key redacted):\n" + Secrets.redact(curlCommand()))
        let failures = steps.filter { if case .failed = $0.verdict { true } else { false } }
        console.say(failures.isEmpty ? "\nall good" : "\n\(failures.count) step(s) failed")
        return steps
    }

    private func listModels(at baseURL: BaseURL) async -> Result<[String], ChatClientError> {
        var server = settings.server
        server.baseURL = baseURL
        server.retry = RetryPolicy(maxRetries: 0)
        let client = ChatClient(settings: server, transport: makeTransport())
        let result: Result<[String], ChatClientError>
        do {
            result = .success(try await client.listModels())
        } catch let error as ChatClientError {
            result = .failure(error)
        } catch {
            result = .failure(.connection(.other("interrupted"), host: baseURL.host))
        }
        await client.shutdown()
        return result
    }

    /// After a 404: is `/v1` missing, or there twice? Returns the fix if a probe finds the API.
    private func probePath() async -> String? {
        let base = settings.server.baseURL
        let candidate: (BaseURL, String)
        if base.path.hasSuffix("/v1/v1") {
            candidate = (base.withPath(String(base.path.dropLast(3))), "/v1 is there twice")
        } else if base.path.hasSuffix("/v1") {
            candidate = (base.withPath(String(base.path.dropLast(3))), "this server wants no /v1")
        } else {
            candidate = (base.withPath(base.path + "/v1"), "/v1 is missing")
        }
        if case .success = await listModels(at: candidate.0) {
            return "\(candidate.1): use --base-url \(candidate.0) (or \"base_url\" in the config)"
        }
        return nil
    }

    /// The request of the chat step as a curl command, the key replaced by its last four characters.
    public func curlCommand() -> String {
        let server = settings.server
        var parts = ["curl -sN '\(BaseURL.redacting(server.url(server.chatPath)))'"]
        if let key = server.apiKey {
            let shown = "…" + String(key.suffix(4))
            parts.append(server.keyHeader == .apiKey ? "-H 'api-key: \(shown)'" : "-H 'Authorization: Bearer \(shown)'")
        }
        parts.append("-H 'Content-Type: application/json'")
        for header in server.headers where header.name != "User-Agent" {
            let lower = header.name.lowercased()
            let secret = ["auth", "key", "token", "secret", "cookie", "password"].contains { lower.contains($0) }
            parts.append("-H '\(header.name): \(secret ? "[redacted]" : header.value)'")
        }
        let body = (try? probeRequest.body()).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        parts.append("-d '\(body.replacing("'", with: "'\\''"))'")
        return parts.joined(separator: " \\\n  ")
    }

    static func line(_ step: Step) -> String {
        let name = step.name.padding(to: 16)
        switch step.verdict {
        case .ok(let text): return "✓ \(name)\(text)"
        case .warning(let text, let fix): return "! \(name)\(text)\n  \(String().padding(to: 16))fix: \(fix)"
        case .failed(let text, let fix): return "✗ \(name)\(text)\n  \(String().padding(to: 16))fix: \(fix)"
        case .skipped(let text): return "· \(name)\(text)"
        }
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
