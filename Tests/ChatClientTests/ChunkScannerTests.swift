import Foundation
import TestSupport
import Testing

@testable import ChatClient

/// The full decoder's reading of a chunk, in the scanner's terms.
func fullReading(_ data: String) -> ChunkScanner.Chunk? {
    guard let body = try? JSONDecoder().decode(CompletionBody.self, from: Data(data.utf8)), body.error == nil else {
        return nil
    }
    let choice = body.firstChoice
    let message = choice?.delta ?? choice?.message
    return ChunkScanner.Chunk(
        content: message?.content, reasoning: message?.reasoning, refusal: message?.refusal,
        finishReason: choice?.finishReason, model: body.model, usage: body.usage, toolCalls: message?.toolCalls)
}

@Suite("The fast chunk scanner agrees with the full decoder")
struct ChunkScannerTests {
    @Test(arguments: [
        "stream-basic.sse", "stream-include-usage.sse", "stream-tool-calls.sse", "stream-edge-cases.sse",
        "compat/llamacpp-stream-reasoning.sse", "compat/vllm-stream-reasoning.sse",
    ])
    func everyFixturePayloadReadsTheSame(_ file: String) throws {
        var parser = SSEParser()
        let events = parser.feed(try fixture(file, in: fixturesDirectory())).filter { $0.data != "[DONE]" }
        #expect(!events.isEmpty)
        for event in events {
            let fast = ChunkScanner.scan(event.data)
            // A chunk with tool calls is the full decoder's, by design (issue 12).
            if event.data.contains(#""tool_calls":["#) {
                #expect(fast == nil)
                #expect(fullReading(event.data)?.toolCalls?.isEmpty == false)
                continue
            }
            #expect(fast != nil, "the scanner should read \(event.data.prefix(80))")
            #expect(fast == fullReading(event.data))
        }
    }

    @Test(arguments: [
        #"{"choices":[{"index":0,"delta":{"content":"a \"quoted\" \\ \/ \n\t\u00e9\ud83d\ude00"}}]}"#,
        #"{"choices":[{"delta":{"content":null,"reasoning":"r","reasoning_content":"rc"},"finish_reason":null}],"usage":null}"#,
        #"{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8,"prompt_tokens_details":{"cached_tokens":0}}}"#,
        #"  { "model" : "m" , "choices" : [ { "index" : 0 , "delta" : { } , "logprobs" : { "content" : [ 1.5e3 , -2 , true , false , null ] } } ] }  "#,
        #"{"choices":[{"delta":{"content":"first"}},{"delta":{"content":"second"}}]}"#,
        #"{"choices":[{"delta":{"content":"", "refusal":"no"}}]}"#,
        #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"estimated":true}}"#,
        #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"estimated":null}}"#,
        #"{"choices":[],"usage":{"prompt_tokens":1,"estimated":false,"completion_tokens":1}}"#,
    ])
    func awkwardButValidChunks(_ data: String) {
        let fast = ChunkScanner.scan(data)
        #expect(fast != nil)
        #expect(fast == fullReading(data))
    }

    /// A chunk nested deeper than any real one is left to the decoder, which refuses it: no
    /// recursion as deep as a server likes (100,000 levels would overflow a thread's stack).
    @Test func aDeeplyNestedChunkIsTheDecoders() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(ChunkScanner.scan(#"{"x":\#(deep),"choices":[]}"#) == nil)
        let shallow = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        #expect(ChunkScanner.scan(#"{"x":\#(shallow),"choices":[]}"#) != nil)
        let body = Array(#"{"x":\#(deep),"choices":[{"message":{"content":"x"}}]}"#.utf8)
        #expect(throws: ChatClientError.self) { try CompletionDecoder.reply(from: body) }
    }

    @Test(arguments: [
        #"{"error":{"message":"boom"}}"#,
        #"{"choices":[{"delta":{"content":5}}]}"#,
        #"{"choices":[{"delta":{"content":"unterminated}}]}"#,
        #"{"choices":[{"delta":{"content":"x"}}]} trailing"#,
        #"{"usage":{"prompt_tokens":1.5}}"#,
        #"{"choices":[{"delta":{"content":"\ud83d"}}]}"#,
        "not json",
        "",
    ])
    func anythingUnexpectedIsLeftToTheFullDecoder(_ data: String) {
        #expect(ChunkScanner.scan(data) == nil)
    }

    /// Reads `data` with the template (and updates it), and says whether the template alone answered.
    private func viaTemplate(_ data: String, _ template: inout ChunkTemplate, wantsModel: Bool = true) -> (
        ChunkScanner.Chunk?, Bool
    ) {
        var text = data
        return text.withUTF8 { bytes in
            let quick = template.read(bytes, wantsModel: wantsModel) != nil
            return (ChunkScanner.scan(bytes, wantsModel: wantsModel, template: &template), quick)
        }
    }

    @Test(arguments: [
        "stream-basic.sse", "stream-include-usage.sse", "stream-tool-calls.sse", "stream-edge-cases.sse",
        "compat/llamacpp-stream-reasoning.sse", "compat/vllm-stream-reasoning.sse",
    ])
    func aStreamReadWithTheTemplateReadsAsEachChunkAlone(_ file: String) throws {
        var parser = SSEParser()
        let events = parser.feed(try fixture(file, in: fixturesDirectory())).filter { $0.data != "[DONE]" }
        var template = ChunkTemplate()
        for event in events {
            #expect(viaTemplate(event.data, &template).0 == ChunkScanner.scan(event.data), "\(event.data)")
        }
    }

    /// Chunks that differ from the one before in their text are read by the template alone, and
    /// anything else that differs (or an odd string) is read in full; either way, as alone.
    @Test func theTemplateReadsOnlyWhatDiffersInTheText() {
        func chunk(_ text: String, finish: String = "null", extra: String = "") -> String {
            #"{"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":\#(text)\#(extra)},"finish_reason":\#(finish)}]}"#
        }
        let quick = [
            #""b""#, #""""#, #""a \"q\" \\ \u00e9 \ud83d\ude00 é""#, #""long text that is longer than before""#,
        ]
        let full = [
            chunk("null"), chunk("5"), chunk(#""x" "#), chunk(#""a","#), chunk(#""b""#, finish: #""stop""#),
            chunk(#""b""#, extra: #","refusal":"no""#), chunk("\"tab\u{01}\""), chunk(#""\ud83d""#),
            chunk(#""unterminated"#), chunk(#""a"}"#), #"{"id":"c2","model":"m","choices":[]}"#,
            chunk(#""b""#) + " ",
        ]
        for (text, shouldBeQuick) in quick.map({ ($0, true) }) + full.map({ ($0, false) }) {
            var template = ChunkTemplate()
            _ = viaTemplate(chunk(#""a""#), &template)
            let data = shouldBeQuick ? chunk(text) : text
            let (read, wasQuick) = viaTemplate(data, &template)
            #expect(wasQuick == shouldBeQuick, "\(data)")
            #expect(read == ChunkScanner.scan(data), "\(data)")
        }
        // Reasoning is the varying text too; a chunk with two texts makes no template.
        var template = ChunkTemplate()
        let thinking = #"{"choices":[{"delta":{"content":null,"reasoning_content":"hm"}}]}"#
        _ = viaTemplate(thinking, &template)
        let next = thinking.replacingOccurrences(of: "hm", with: "so")
        #expect(viaTemplate(next, &template) == (ChunkScanner.scan(next), true))
        let both = #"{"choices":[{"delta":{"content":"a","reasoning":"r"}}]}"#
        _ = viaTemplate(both, &template)
        let other = both.replacingOccurrences(of: "\"a\"", with: "\"b\"")
        #expect(viaTemplate(other, &template) == (ChunkScanner.scan(other), false))
        // A template made wanting the model is not used once the model is known.
        _ = viaTemplate(chunk(#""a""#), &template, wantsModel: true)
        #expect(viaTemplate(chunk(#""b""#), &template, wantsModel: false).1 == false)
        #expect(viaTemplate(chunk(#""c""#), &template, wantsModel: false).1 == true)
    }

    /// What an assembler makes of events: each delta, or the error, and the reply at the end.
    private func assemble(_ events: [SSEEvent], template: Bool) -> ([ReplyDelta], ChatReply, ChatClientError?) {
        var assembler = StreamAssembler()
        assembler.usesTemplate = template
        var deltas: [ReplyDelta] = []
        for event in events {
            do throws(ChatClientError) {
                deltas.append(try assembler.consume(event))
            } catch {
                return (deltas, assembler.reply, error)
            }
        }
        return (deltas, assembler.reply, nil)
    }

    /// A whole stream reads the same with the template as without: every delta, the reply and
    /// any error, for the fixtures and for a stream whose chunks change in every way.
    @Test func aStreamAssemblesTheSameWithTheTemplate() throws {
        var streams: [[SSEEvent]] = []
        for file in [
            "stream-basic.sse", "stream-include-usage.sse", "stream-tool-calls.sse", "stream-edge-cases.sse",
            "stream-midstream-error.sse", "compat/llamacpp-stream-reasoning.sse", "compat/vllm-stream-reasoning.sse",
        ] {
            var parser = SSEParser()
            streams.append(parser.feed(try fixture(file, in: fixturesDirectory())))
        }
        // A typed event between two chunks that differ only in their text changes the usage and
        // the finish reason; the chunk after it must say them again, as it does read alone.
        let first = #"{"choices":[{"delta":{"content":"a"},"finish_reason":null}],"usage":{"prompt_tokens":1}}"#
        streams.append([
            SSEEvent(type: "message", data: first),
            SSEEvent(
                type: "update",
                data: #"{"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":9}}"#),
            SSEEvent(type: "message", data: first.replacingOccurrences(of: #""a""#, with: #""b""#)),
        ])
        let texts = [#""a""#, #""""#, #""b \"q\" \u00e9""#, "null", #""c""#, #""d""#, "7", #""\ud83d""#]
        let shapes: [(String) -> String] = [
            { #"{"id":"x","model":"m","choices":[{"index":0,"delta":{"content":\#($0)},"finish_reason":null}]}"# },
            { #"{"id":"x","model":"","choices":[{"index":0,"delta":{"content":\#($0)},"finish_reason":null}]}"# },
            { #"{"id":"x","choices":[{"delta":{"content":null,"reasoning_content":\#($0)}}]}"# },
            { #"{"id":"x","choices":[{"delta":{"refusal":\#($0)}}]}"# },
            {
                #"{"id":"x","choices":[{"delta":{"content":\#($0)},"finish_reason":"stop"}],"usage":{"prompt_tokens":1}}"#
            },
        ]
        var generator = SeededGenerator(seed: 0x7e5_1a7e)
        for _ in 0..<40 {
            var events: [SSEEvent] = []
            var shape = shapes[0]
            for _ in 0..<60 {
                if Int.random(in: 0..<6, using: &generator) == 0 { shape = shapes.randomElement(using: &generator)! }
                events.append(SSEEvent(type: "message", data: shape(texts.randomElement(using: &generator)!)))
            }
            streams.append(events)
        }
        for events in streams {
            let with = assemble(events, template: true)
            let without = assemble(events, template: false)
            #expect(with.0 == without.0)
            #expect(with.1 == without.1)
            #expect(with.2 == without.2)
        }
    }

    /// A whole reply read by the scanner is the reply JSONDecoder reads, error or not: for the
    /// fixtures and for replies of every shape the scanner meets.
    @Test func aWholeReplyReadsAsTheDecoderReadsIt() throws {
        func outcome(_ read: () throws(ChatClientError) -> ChatReply?) -> Result<ChatReply, ChatClientError>? {
            do throws(ChatClientError) {
                return try read().map { .success($0) }
            } catch {
                return .failure(error)
            }
        }
        var bodies: [[UInt8]] = []
        for file in [
            "chat-completion.json", "chat-completion-default.json", "chat-completion-logprobs.json",
            "chat-completion-tool-calls.json", "error-429-rate-limit.json", "compat/vllm-error.json",
        ] {
            bodies.append(try fixture(file, in: fixturesDirectory()))
        }
        let messages = [
            #""message":{"role":"assistant","content":"hi"}"#, #""message":{"content":null,"refusal":"no"}"#,
            #""message":{"content":"","refusal":"no"}"#, #""message":{"content":"a","reasoning_content":"r"}"#,
            #""message":{"content":"a","reasoning":"r","reasoning_content":null}"#, #""message":null"#,
            #""message":{"content":"a","tool_calls":null}"#,
            #""message":{"content":null,"tool_calls":[{"id":"c","type":"function","function":{"name":"f","arguments":"{}"}}]}"#,
            #""message":{"content":"a"},"delta":{"content":"b"}"#, #""delta":{"content":"d"}"#, "",
        ]
        let choices = [
            { (m: String) in #"[{"index":0,\#(m),"finish_reason":"stop"}]"# },
            { (m: String) in #"[{\#(m),"finish_reason":"length"}]"# },
            { (m: String) in #"[{"index":1,\#(m)}]"# },
            { (m: String) in #"[{"index":0,\#(m)},{"index":1,"message":{"content":"second"}}]"# },
            { (_: String) in "[]" },
        ]
        for message in messages {
            for choice in choices {
                for extra in ["", #","usage":{"prompt_tokens":3,"completion_tokens":2}"#, #","error":null"#] {
                    bodies.append(Array(#"{"id":"x","model":"m","choices":\#(choice(message))\#(extra)}"#.utf8))
                }
            }
        }
        bodies.append(Array(#"{"id":"x","model":"m"}"#.utf8))
        bodies.append(
            Array(
                #"{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":1,"estimated":true}}"#.utf8))
        bodies.append(Array(#"{"error":{"message":"boom"}}"#.utf8))
        var scanned = 0
        for body in bodies {
            guard let fast = outcome({ () throws(ChatClientError) in try CompletionDecoder.scannedReply(body) }) else {
                continue
            }
            scanned += 1
            let full = outcome({ () throws(ChatClientError) in try CompletionDecoder.decodedReply(body) })
            #expect(fast == full, "\(String(decoding: body, as: UTF8.self))")
        }
        #expect(scanned > 40)
    }
}
