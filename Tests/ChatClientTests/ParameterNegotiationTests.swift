import ChatClient
import Foundation
import TestSupport
import Testing

@Suite("A 400 that refuses a parameter: dropped, remembered for the model, said once")
struct ParameterNegotiationTests {
    /// A server that refuses `name` with `body` while a request carries it.
    func refusing(_ name: String, body: String) async throws -> TestServer {
        try await TestServer { request, _ in
            request.bodyText.contains("\"\(name)\"") ? .json(body, status: 400) : .sse([chunk("ok"), finishChunk])
        }
    }

    static let refusals: [(String, String)] = [
        // OpenAI: an unknown argument (fixture error-400-unrecognized-argument.json)
        (
            "reasoning_effort",
            #"{"error":{"message":"Unrecognized request argument supplied: reasoning_effort","type":"invalid_request_error","param":null,"code":null}}"#
        ),
        // OpenAI: unsupported_parameter with param
        (
            "seed",
            #"{"error":{"message":"Unsupported parameter: 'seed' is not supported with this model.","type":"invalid_request_error","param":"seed","code":"unsupported_parameter"}}"#
        ),
        // OpenAI: unsupported_value
        (
            "top_p",
            #"{"error":{"message":"Unsupported value: 'top_p' does not support 0.5 with this model.","type":"invalid_request_error","param":"top_p","code":"unsupported_value"}}"#
        ),
        // Venice / zod: unrecognized keys, an array of errors
        (
            "top_k",
            #"{"error":[{"code":"unrecognized_keys","keys":["top_k"],"message":"Unrecognized key(s) in object: 'top_k'"}]}"#
        ),
        // LM Studio: a plain string
        ("logit_bias", #"{"error":"logit_bias is not supported by this server"}"#),
        // vLLM: numeric code, param named
        (
            "service_tier",
            #"{"error":{"message":"service_tier: Extra inputs are not permitted","type":"BadRequestError","param":"service_tier","code":400}}"#
        ),
    ]

    @Test(arguments: refusals)
    func refusedParameterIsDroppedRememberedAndSaidOnce(name: String, body: String) async throws {
        let server = try await refusing(name, body: body)
        let client = makeClient(server)
        var parameters = RequestParameters(["temperature": .number(1)])
        parameters[name] = name == "logit_bias" ? .object(["5": .number(1)]) : .string("x")
        if name == "top_p" { parameters[name] = .number(0.5) }
        let request = ChatRequest(
            model: "m", messages: [ChatMessage(role: .user, content: "q")], parameters: parameters, stream: true)
        let notices = Locked<[ClientNotice]>([])
        for _ in 0..<2 {
            _ = try await client.send(
                request, onNotice: { n in notices.withLock { $0.append(n) } }, onDelta: { _ in })
        }
        await client.shutdown()
        await server.shutdown()
        let bodies = server.requests.map(\.bodyText)
        #expect(bodies.count == 3)
        #expect(bodies[0].contains("\"\(name)\""))
        #expect(!bodies[1].contains("\"\(name)\""))
        #expect(!bodies[2].contains("\"\(name)\""))
        #expect(bodies[2].contains(#""temperature":1"#))
        #expect(notices.withLock { $0 } == [.parameterAdjusted("m does not take \(name): it is left out from now on")])
    }

    @Test func anotherModelStillGetsTheParameter() async throws {
        let server = try await TestServer { request, _ in
            request.bodyText.contains(#""model":"old""#) && request.bodyText.contains("seed")
                ? .json(
                    #"{"error":{"message":"Unrecognized request argument supplied: seed","type":"invalid_request_error","param":null,"code":null}}"#,
                    status: 400)
                : .sse([chunk("ok"), finishChunk])
        }
        let client = makeClient(server)
        for model in ["old", "new"] {
            let request = ChatRequest(
                model: model, messages: [ChatMessage(role: .user, content: "q")],
                parameters: RequestParameters(["seed": .number(1)]), stream: true)
            _ = try await client.send(request) { _ in }
        }
        await client.shutdown()
        await server.shutdown()
        let bodies = server.requests.map(\.bodyText)
        #expect(bodies.count == 3)
        #expect(bodies[2].contains(#""model":"new""#) && bodies[2].contains(#""seed":1"#))
    }

    @Test func responseFormatIsNeverDropped() async throws {
        let server = try await TestServer(
            always: .json(#"{"error":"'response_format.type' must be 'json_schema' or 'text'"}"#, status: 400))
        let client = makeClient(server)
        let request = ChatRequest(
            model: "m", messages: [ChatMessage(role: .user, content: "q")],
            parameters: RequestParameters(["response_format": .object(["type": .string("json_object")])]),
            stream: true)
        await #expect(throws: ChatClientError.self) { _ = try await client.send(request) { _ in } }
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.count == 1)
    }

    @Test func aMessageThatMerelyNamesAParameterIsNotARefusal() async throws {
        let server = try await TestServer(
            always: .json(
                #"{"error":{"message":"seed must be below 2^53","type":"invalid_request_error"}}"#, status: 400))
        let client = makeClient(server)
        let request = ChatRequest(
            model: "m", messages: [ChatMessage(role: .user, content: "q")],
            parameters: RequestParameters(["seed": .number(1)]), stream: true)
        await #expect(throws: ChatClientError.self) { _ = try await client.send(request) { _ in } }
        await client.shutdown()
        await server.shutdown()
        #expect(server.requests.count == 1)
    }
}
