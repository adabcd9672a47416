import ChatClient
import Foundation
import TestSupport
import Testing

@Suite("Request parameters: types, ranges and passthrough")
struct ParameterSpecTests {
    @Test(arguments: [
        ("temperature", "0", "0"), ("temperature", "2", "2"), ("temperature", "0.7", "0.7"),
        ("top_p", "1", "1"), ("top_p", "0.25", "0.25"), ("seed", "42", "42"), ("seed", "-7", "-7"),
        ("stop", "END", #""END""#), ("stop", #"["a","b"]"#, #"["a","b"]"#), ("stop", #""\n\n""#, #""\n\n""#),
        ("max_tokens", "100", "100"), ("max_completion_tokens", "50", "50"),
        ("presence_penalty", "-2", "-2"), ("frequency_penalty", "1.5", "1.5"),
        ("logit_bias", #"{"50256": -100, "7": 5}"#, #"{"50256":-100,"7":5}"#),
        ("logprobs", "true", "true"), ("logprobs", "off", "false"), ("top_logprobs", "20", "20"),
        ("reasoning_effort", "HIGH", #""high""#), ("reasoning_effort", "minimal", #""minimal""#),
        ("verbosity", "low", #""low""#), ("service_tier", "flex", #""flex""#),
        ("parallel_tool_calls", "false", "false"),
    ])
    func knownKeysAreTyped(name: String, text: String, shown: String) throws {
        let (key, value) = try ParameterValue.parse(name: name, value: text)
        #expect(key == (name == "max_completion_tokens" ? "max_tokens" : name))
        #expect(ParameterValue.text(value) == shown)
    }

    @Test(arguments: [
        ("temperature", "2.5", "temperature takes a number from 0 to 2; got \"2.5\""),
        ("temperature", "hot", "temperature takes a number from 0 to 2"),
        ("top_p", "1.1", "top_p takes a number from 0 to 1"),
        ("seed", "4.2", "seed takes a whole number; got \"4.2\""),
        ("stop", #"["a","b","c","d","e"]"#, "stop takes a text, or a JSON array of 1 to 4 texts"),
        ("stop", "[1]", "stop takes a text, or a JSON array"),
        ("stop", "[", "stop takes a text, or a JSON array"),
        ("max_tokens", "0", "max_tokens takes a whole number from 1 to 10000000"),
        ("presence_penalty", "3", "presence_penalty takes a number from -2 to 2"),
        ("frequency_penalty", "-2.1", "frequency_penalty takes a number from -2 to 2"),
        ("logit_bias", #"{"50256": -101}"#, "logit_bias takes a JSON object of token ids to whole numbers from -100"),
        ("logit_bias", #"{"word": 1}"#, "logit_bias takes a JSON object"),
        ("logit_bias", "5", "logit_bias takes a JSON object"),
        ("logprobs", "maybe", "logprobs takes true or false"),
        ("top_logprobs", "21", "top_logprobs takes a whole number from 0 to 20"),
        ("reasoning_effort", "extreme", "reasoning_effort takes one of none, minimal, low, medium or high"),
        ("verbosity", "loud", "verbosity takes one of low, medium or high"),
        ("service_tier", "gold", "service_tier takes one of auto, default, flex, priority or scale"),
        ("parallel_tool_calls", "2", "parallel_tool_calls takes true or false"),
        ("model", "x", "model cannot be set as a parameter: use -m/--model or /model"),
        ("stream", "false", "stream cannot be set as a parameter"),
        ("two words", "1", "is not a parameter name"),
    ])
    func badValuesSayWhatIsAccepted(name: String, text: String, message: String) {
        #expect {
            _ = try ParameterValue.parse(name: name, value: text)
        } throws: { error in
            (error as? ParameterProblem)?.message.contains(message) == true
        }
    }

    @Test(arguments: [
        ("foo=1", "foo", JSONValue.number(1)), ("foo=true", "foo", .bool(true)),
        (#"foo={"a":[1,"b"]}"#, "foo", .object(["a": .array([.number(1), .string("b")])])),
        ("foo=plain words", "foo", .string("plain words")), ("foo=", "foo", .string("")),
        ("foo=a=b", "foo", .string("a=b")), (#"foo="quoted""#, "foo", .string("quoted")),
        ("seed=3", "seed", .number(3)),
    ])
    func assignmentsPassUnknownKeysThroughAsJSON(text: String, name: String, value: JSONValue) throws {
        let (key, parsed) = try ParameterValue.parse(assignment: text)
        #expect(key == name)
        #expect(parsed == value)
        #expect(ParameterValue.isKnown(key) == (name == "seed"))
    }

    @Test func anAssignmentNeedsAnEqualsSign() {
        #expect(throws: ParameterProblem.self) { _ = try ParameterValue.parse(assignment: "seed") }
    }

    @Test func configValuesAreCheckedToo() throws {
        let spec = try #require(ParameterSpec.named("stop"))
        #expect(spec.check(.string("x")))
        #expect(!spec.check(.array([])))
        #expect(!spec.check(.number(1)))
        #expect(try #require(ParameterSpec.named("seed")).check(.number(1e15)))
        #expect(!ParameterSpec.temperature.check(.number(.nan)))
    }

    @Test func everyKindIsSentAsTypedJSON() async throws {
        let server = try await TestServer(always: .sse([chunk("ok"), finishChunk]))
        let client = makeClient(server)
        var parameters = RequestParameters()
        for (name, text) in [
            ("temperature", "0.5"), ("top_p", "0.9"), ("seed", "42"), ("stop", #"["END","\n"]"#),
            ("max_tokens", "64"), ("presence_penalty", "-1"), ("frequency_penalty", "0.5"),
            ("logit_bias", #"{"50256":-100}"#), ("logprobs", "true"), ("top_logprobs", "3"),
            ("reasoning_effort", "low"), ("verbosity", "high"), ("service_tier", "flex"),
            ("parallel_tool_calls", "false"),
        ] {
            let (key, value) = try ParameterValue.parse(name: name, value: text)
            parameters[key] = value
        }
        for text in [#"custom={"nested":[1,2]}"#, "top_k=40", "mirostat_mode=words here"] {
            let (key, value) = try ParameterValue.parse(assignment: text)
            parameters[key] = value
        }
        let request = ChatRequest(
            model: "m", messages: [ChatMessage(role: .user, content: "q")], parameters: parameters, stream: true)
        _ = try await client.send(request) { _ in }
        await client.shutdown()
        await server.shutdown()
        let body = try #require(server.requests.first?.bodyText)
        for piece in [
            #""temperature":0.5"#, #""top_p":0.9"#, #""seed":42"#, #""stop":["END","\n"]"#, #""max_tokens":64"#,
            #""presence_penalty":-1"#, #""frequency_penalty":0.5"#, #""logit_bias":{"50256":-100}"#,
            #""logprobs":true"#, #""top_logprobs":3"#, #""reasoning_effort":"low""#, #""verbosity":"high""#,
            #""service_tier":"flex""#, #""parallel_tool_calls":false"#, #""custom":{"nested":[1,2]}"#,
            #""top_k":40"#, #""mirostat_mode":"words here""#,
        ] {
            #expect(body.contains(piece), "missing \(piece) in \(body)")
        }
    }
}
