import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@Suite("Request bodies, responses and error shapes")
struct WireTests {
    func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func unsetParametersAreLeftOut() throws {
        let request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "hi")])
        let body = try json(request.body())
        #expect(Set(body.keys) == ["model", "messages"])
    }

    @Test func setParametersAndStreamOptionsAreSent() throws {
        let request = ChatRequest(
            model: "m", messages: [ChatMessage(role: .user, content: "hi")], temperature: 0.5, maxTokens: 7,
            maxTokensField: .maxCompletionTokens, stream: true)
        let body = try json(request.body())
        #expect(body["temperature"] as? Double == 0.5)
        #expect(body["max_completion_tokens"] as? Int == 7)
        #expect(body["max_tokens"] == nil)
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
    }

    @Test(arguments: [
        ("chat-completion.json", "The image shows a wooden boardwalk", FinishReason.stop),
        ("chat-completion-default.json", "Hello! How can I assist you today?", .stop),
        ("chat-completion-tool-calls.json", "", .toolCalls),
        ("chat-completion-logprobs.json", "Hello! How can I assist you today?", .stop),
    ])
    func nonStreamingFixturesDecode(file: String, prefix: String, finish: FinishReason) async throws {
        let server = try await TestServer(
            always: .json(String(decoding: try fixture(file, in: fixturesDirectory()), as: UTF8.self)))
        defer { Task { await server.shutdown() } }
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL)), transport: AsyncHTTPTransport(connectTimeout: 5))
        let reply = try await client.send(ChatRequest(model: "m", messages: [.init(role: .user, content: "q")])) { _ in
        }
        await client.shutdown()
        #expect(reply.content.hasPrefix(prefix))
        #expect(reply.finishReason == finish)
    }

    @Test(
        arguments: [
            ("error-401-invalid-api-key.json", "invalid_api_key", "Incorrect API key provided"),
            ("error-429-insufficient-quota.json", "insufficient_quota", "You exceeded your current quota"),
            ("error-429-rate-limit.json", "rate_limit_exceeded", "Rate limit reached"),
            ("error-400-context-length-exceeded.json", "context_length_exceeded", "This model's maximum"),
            ("error-404-model-not-found.json", "model_not_found", "The model `gpt-4o` does not exist"),
            ("error-400-unsupported-parameter.json", "unsupported_parameter", "Unsupported parameter"),
            ("error-400-unsupported-value.json", "unsupported_value", "Unsupported value"),
            ("error-400-stream-options-without-stream.json", nil, "The 'stream_options' parameter"),
            ("error-400-unrecognized-argument.json", nil, "Unrecognized request argument"),
            ("compat/llamacpp-error.json", "400", "the request exceeds the available context size"),
            ("compat/vllm-error.json", "400", "This model's maximum context length is 32768"),
            ("compat/vllm-error-legacy.json", "400", "This model's maximum context length is 131072"),
            ("compat/ollama-error-404.json", nil, "model 'llama3.2' not found"),
            ("compat/openrouter-error-402.json", "402", "Insufficient credits"),
            ("compat/lmstudio-error-400.json", nil, "'response_format.type' must be"),
        ] as [(String, String?, String)])
    func errorBodiesOfEveryDialect(file: String, code: String?, prefix: String) throws {
        let detail = ServerErrorDetail.parse(try fixture(file, in: fixturesDirectory()))
        #expect(detail.code == code)
        #expect(detail.message.hasPrefix(prefix))
    }

    @Test func otherErrorShapes() {
        #expect(ServerErrorDetail.parse(Array(#"{"detail":"Not Found"}"#.utf8)).message == "Not Found")
        #expect(
            ServerErrorDetail.parse(Array(#"{"detail":[{"msg":"field required"}]}"#.utf8)).message == "field required")
        #expect(
            ServerErrorDetail.parse(Array(#"{"error":[{"code":"unrecognized_keys","message":"bad key"}]}"#.utf8)).code
                == "unrecognized_keys")
        #expect(
            ServerErrorDetail.parse(Array("<html><body><h1>502 Bad Gateway</h1></body></html>".utf8)).message
                == "502 Bad Gateway")
        #expect(ServerErrorDetail.parse([]).message == "no error message in the response body")
    }

    @Test func quotaAndContextClassification() throws {
        let quota = ServerErrorDetail.parse(try fixture("error-429-insufficient-quota.json", in: fixturesDirectory()))
        #expect(quota.isQuotaExhausted)
        let rate = ServerErrorDetail.parse(try fixture("error-429-rate-limit.json", in: fixturesDirectory()))
        #expect(!rate.isQuotaExhausted)
        for file in ["error-400-context-length-exceeded.json", "compat/llamacpp-error.json", "compat/vllm-error.json"] {
            #expect(ServerErrorDetail.parse(try fixture(file, in: fixturesDirectory())).isContextLengthExceeded)
        }
        // LiteLLM wraps the provider's error in its own exception name.
        let litellm =
            #"{"error":{"message":"litellm.ContextWindowExceededError: litellm.BadRequestError: prompt is too long","type":null,"param":null,"code":"400"}}"#
        #expect(ServerErrorDetail.parse(Array(litellm.utf8)).isContextLengthExceeded)
        #expect(
            !ServerErrorDetail.parse(try fixture("error-429-rate-limit.json", in: fixturesDirectory()))
                .isContextLengthExceeded)
    }

    @Test func retryAfterHeaders() {
        let now = 1_000_000.0
        #expect(RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: [("retry-after", "19")]), now: now) == 19)
        #expect(
            RetryPolicy.retryAfter(HTTPResponseHead(status: 429, headers: [("retry-after-ms", "250")]), now: now)
                == 0.25)
        let date = HTTPResponseHead(status: 429, headers: [("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")])
        #expect(RetryPolicy.retryAfter(date, now: 784_111_770) == 7)
        let policy = RetryPolicy()
        #expect(policy.delay(beforeRetry: 0, head: nil, now: now, random: 0) == 0.5)
        #expect(policy.delay(beforeRetry: 1, head: nil, now: now, random: 1) == 0.75)
        #expect(policy.delay(beforeRetry: 9, head: nil, now: now, random: 0) == 8)
        #expect(
            policy.delay(
                beforeRetry: 0, head: HTTPResponseHead(status: 429, headers: [("retry-after", "600")]), now: now,
                random: 0) == nil)
    }
}
