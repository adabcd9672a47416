import ChatClient
import ChatREPL
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@Suite("parley doctor's verdicts", .serialized)
struct DoctorTests {
    /// A server whose API lives under /v1 only, wanting `key` if one is given.
    func server(key: String? = nil, models: [String] = ["llama3.2", "qwen3"]) async throws -> TestServer {
        try await TestServer { request, _ in
            if let key, request.header("authorization") != "Bearer \(key)" {
                return .json(
                    #"{"error":{"message":"Incorrect API key provided","code":"invalid_api_key"}}"#, status: 401)
            }
            if request.uri == "/v1/models" {
                let list = models.map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
                return .json(#"{"object":"list","data":[\#(list)]}"#)
            }
            if request.uri == "/v1/chat/completions" { return streamReply("OK") }
            return .text("404 page not found", status: 404)
        }
    }

    func run(baseURL: String, model: String = "llama3.2", key: String? = nil) async throws -> ([Doctor.Step], String) {
        var flags = CommandLineSettings()
        flags.baseURL = baseURL
        flags.model = model
        var env: [String: String] = [:]
        if let key {
            flags.apiKeyEnv = "TEST_KEY"
            env["TEST_KEY"] = key
        }
        let settings = try RunSettings.resolve(
            flags: flags, environment: env, file: ConfigFile(), paths: Paths(environment: ["HOME": "/tmp"]))
        let out = RecordingSink()
        let doctor = Doctor(
            settings: settings, console: Console(out: out, err: out, style: .plain), prober: NetworkProbe()
        ) { LiveTransport.make(connectTimeout: 2) }
        return (await doctor.run(profile: nil), out.text)
    }

    func verdict(_ steps: [Doctor.Step], _ name: String) -> Doctor.Verdict? {
        steps.first { $0.name == name }?.verdict
    }

    @Test func allGood() async throws {
        let server = try await server()
        let (steps, text) = try await run(baseURL: server.baseURL)
        await server.shutdown()
        #expect(!steps.contains { if case .failed = $0.verdict { true } else { false } })
        #expect(verdict(steps, "streaming chat") == .ok("llama3.2 answered \"OK\""))
        #expect(text.contains("curl -sN '\(server.baseURL)/chat/completions'"))
        #expect(text.contains("all good"))
    }

    @Test func missingV1IsFoundByProbing() async throws {
        let server = try await server()
        let (steps, _) = try await run(baseURL: "http://127.0.0.1:\(server.port)")
        await server.shutdown()
        guard case .failed(_, let fix) = verdict(steps, "endpoint") else {
            Issue.record("expected the endpoint step to fail: \(steps)")
            return
        }
        #expect(fix.contains("/v1 is missing: use --base-url http://127.0.0.1:\(server.port)/v1"))
    }

    @Test func doubledV1IsFoundByProbing() async throws {
        let server = try await server()
        let (steps, _) = try await run(baseURL: server.baseURL + "/v1")
        await server.shutdown()
        guard case .failed(_, let fix) = verdict(steps, "endpoint") else {
            Issue.record("expected the endpoint step to fail: \(steps)")
            return
        }
        #expect(fix.contains("/v1 is there twice"))
    }

    @Test func aWrongKeyIsNamedWithoutShowingIt() async throws {
        let server = try await server(key: "sk-right-key-1234")
        let (steps, text) = try await run(baseURL: server.baseURL, key: "sk-wrong-key-9876")
        await server.shutdown()
        guard case .failed(let message, let fix) = verdict(steps, "authentication") else {
            Issue.record("expected authentication to fail: \(steps)")
            return
        }
        #expect(message.contains("401"))
        #expect(fix.contains("TEST_KEY"))
        #expect(verdict(steps, "API key") == .ok("the key comes from TEST_KEY; ends in …9876"))
        #expect(!text.contains("sk-wrong-key"))
        #expect(text.contains("Authorization: Bearer …9876"))
    }

    @Test func anUnknownModelIsNamedWithCandidates() async throws {
        let server = try await server(models: ["llama3.2", "llama3.1:8b", "qwen3"])
        let (steps, _) = try await run(baseURL: server.baseURL, model: "llama3")
        await server.shutdown()
        guard case .failed(let message, let fix) = verdict(steps, "model") else {
            Issue.record("expected the model step to fail: \(steps)")
            return
        }
        #expect(message == "llama3 is not among the server's 3 models")
        #expect(fix.contains("llama3.1:8b, llama3.2"))
    }
}
