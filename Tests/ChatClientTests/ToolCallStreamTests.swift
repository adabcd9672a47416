import ChatClient
import TestSupport
import Testing

/// Streamed and whole replies that ask for tool calls: assembled by index, however the bytes
/// are cut, finished on the finish reason whether or not `[DONE]` comes.
@Suite struct ToolCallStreamTests {
    static func event(_ json: String) -> String { "data: \(json)\n\n" }

    /// Two calls in one turn, their arguments split mid-string, and no `[DONE]`.
    static let parallel: [UInt8] = Array(
        [
            event(
                #"{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":""}}]},"finish_reason":null}]}"#
            ),
            event(
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":\"Par"}}]},"finish_reason":null}]}"#
            ),
            event(
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"time","arguments":"{}"}}]},"finish_reason":null}]}"#
            ),
            event(
                #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","function":{"arguments":"is\"}"}}]},"finish_reason":null}]}"#
            ),
            event(#"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#),
        ].joined().utf8)

    @Test func fixtureAtEverySplit() throws {
        let bytes = try fixture("stream-tool-calls.sse", in: fixturesDirectory())
        for pieces in splits(of: bytes) {
            let result = assemble(pieces)
            #expect(result.error == nil, describe(pieces))
            #expect(
                result.reply.toolCalls
                    == [
                        ToolCall(
                            id: "call_abc123", name: "get_current_weather", arguments: #"{"location":"Boston, MA"}"#)
                    ],
                describe(pieces))
            #expect(result.reply.finishReason == .toolCalls)
        }
    }

    @Test func parallelCallsWithoutDone() {
        for pieces in splits(of: Self.parallel) {
            let result = assemble(pieces)
            #expect(result.error == nil, describe(pieces))
            #expect(!result.done)
            // The repeated id is not doubled; the second call keeps its own place.
            #expect(
                result.reply.toolCalls == [
                    ToolCall(id: "call_a", name: "weather", arguments: #"{"city":"Paris"}"#),
                    ToolCall(id: "call_b", name: "time", arguments: "{}"),
                ], describe(pieces))
        }
    }

    /// Each call is announced once, by name, as soon as its name arrives (for the live line).
    @Test func callsAreAnnouncedOnceAsTheyBegin() {
        var parser = SSEParser()
        var assembler = StreamAssembler()
        var announced: [String] = []
        for byte in Self.parallel {
            for event in parser.feed([byte]) {
                announced += (try? assembler.consume(event))?.toolCalls ?? []
            }
        }
        #expect(announced == ["weather", "time"])
    }

    @Test func wholeReply() async throws {
        let body = try fixture("chat-completion-tool-calls.json", in: fixturesDirectory())
        let server = try await TestServer(always: .json(String(decoding: body, as: UTF8.self)))
        let client = makeClient(server)
        var request = question
        request.stream = false
        let reply = try await client.send(request) { _ in }
        #expect(reply.toolCalls.map(\.name) == ["get_current_weather"])
        #expect(reply.toolCalls.first?.arguments == "{\n\"location\": \"Boston, MA\"\n}")
        #expect(reply.finishReason == .toolCalls)
        await client.shutdown()
        await server.shutdown()
    }

    /// A streamed call over a real connection whose body ends after the finish reason, no `[DONE]`.
    @Test func streamedOverTheWireWithoutDone() async throws {
        let text = String(decoding: Self.parallel, as: UTF8.self)
        let server = try await TestServer(always: .sse([text]))
        let client = makeClient(server)
        let reply = try await client.send(question) { _ in }
        #expect(reply.toolCalls.count == 2)
        await client.shutdown()
        await server.shutdown()
    }

    @Test func requestCarriesTools() throws {
        var request = question
        request.tools = [.object(["type": .string("function"), "function": .object(["name": .string("t")])])]
        request.parameters["parallel_tool_calls"] = .bool(false)
        let body = String(decoding: try request.body(), as: UTF8.self)
        #expect(body.contains(#""tools":[{"function":{"name":"t"},"type":"function"}]"#))
        #expect(body.contains(#""parallel_tool_calls":false"#))
        #expect(!ChatRequest(model: "m", messages: []).bodyText.contains("tools"))
    }

    @Test func messagesRoundTrip() throws {
        let call = ToolCall(id: "c1", name: "t", arguments: "{}")
        let assistant = ChatMessage.assistant("", toolCalls: [call])
        #expect(assistant.toolCalls == [call])
        let request = ChatRequest(
            model: "m", messages: [assistant, .toolResult(id: "c1", content: "ok")])
        let body = request.bodyText
        #expect(body.contains(#""content":null"#))
        #expect(body.contains(#""tool_call_id":"c1""#))
        #expect(
            body.contains(#""tool_calls":[{"function":{"arguments":"{}","name":"t"},"id":"c1","type":"function"}]"#))
    }
}

extension ChatRequest {
    fileprivate var bodyText: String { (try? body()).map { String(decoding: $0, as: UTF8.self) } ?? "" }
}
