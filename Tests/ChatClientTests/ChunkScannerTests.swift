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
    ])
    func awkwardButValidChunks(_ data: String) {
        let fast = ChunkScanner.scan(data)
        #expect(fast != nil)
        #expect(fast == fullReading(data))
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
}
