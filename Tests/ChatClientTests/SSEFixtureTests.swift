import ChatClient
import TestSupport
import Testing

/// Runs a whole body through the parser and the assembler, fed in the given pieces.
func assemble(_ pieces: [[UInt8]]) -> (events: [SSEEvent], reply: ChatReply, error: ChatClientError?, done: Bool) {
    var parser = SSEParser()
    var assembler = StreamAssembler()
    var events: [SSEEvent] = []
    for piece in pieces {
        for event in parser.feed(piece) {
            events.append(event)
            if assembler.isDone { continue }
            do {
                _ = try assembler.consume(event)
            } catch {
                return (events, assembler.reply, error, assembler.isDone)
            }
        }
    }
    parser.finish()
    do {
        try assembler.finish()
    } catch {
        return (events, assembler.reply, error, assembler.isDone)
    }
    return (events, assembler.reply, nil, assembler.isDone)
}

/// The seed of the random cuttings: fixed, so every run cuts the same way; each failure names
/// it with the cutting (`describe`).
let cuttingSeed: UInt64 = 7

/// Every way of cutting a body in two, plus random cuttings into many pieces.
func splits(of bytes: [UInt8], seed: UInt64 = cuttingSeed) -> [[[UInt8]]] {
    var result: [[[UInt8]]] = (0...bytes.count).map { [Array(bytes[..<$0]), Array(bytes[$0...])] }
    var generator = SeededGenerator(seed: seed)
    for _ in 0..<30 {
        var pieces: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            let length = Int(generator.next() % 17) + 1
            pieces.append(Array(bytes[index..<min(bytes.count, index + length)]))
            index += length
        }
        result.append(pieces)
    }
    result.append(bytes.map { [$0] })
    return result
}

/// A cutting as a failure message shows it: the seed and the pieces' lengths.
func describe(_ pieces: [[UInt8]]) -> Comment {
    "seed \(cuttingSeed), pieces of \(pieces.map(\.count))"
}

struct Expected: Sendable, CustomTestStringConvertible {
    let file: String
    let content: String
    let reasoning: String
    let finish: FinishReason?
    let usage: Usage?
    let error: ErrorKind?

    enum ErrorKind: Sendable { case stream, truncated }

    var testDescription: String { file }
}

let streamFixtures: [Expected] = [
    Expected(file: "stream-basic.sse", content: "Hello!", reasoning: "", finish: .stop, usage: nil, error: nil),
    Expected(
        file: "stream-include-usage.sse", content: "Hello! How can I assist you today?", reasoning: "", finish: .stop,
        usage: Usage(promptTokens: 19, completionTokens: 10, totalTokens: 29), error: nil),
    Expected(file: "stream-tool-calls.sse", content: "", reasoning: "", finish: .toolCalls, usage: nil, error: nil),
    Expected(
        file: "stream-midstream-error.sse", content: "Once upon a time", reasoning: "", finish: nil, usage: nil,
        error: .stream),
    Expected(
        file: "stream-edge-cases.sse", content: "Hello world", reasoning: "", finish: .stop,
        usage: Usage(promptTokens: 5, completionTokens: 3, totalTokens: 8), error: nil),
    Expected(
        file: "compat/llamacpp-stream-error.sse", content: "", reasoning: "", finish: nil, usage: nil, error: .stream),
    Expected(
        file: "compat/llamacpp-stream-error-legacy.sse", content: "Hi", reasoning: "", finish: nil, usage: nil,
        error: .truncated),
    Expected(
        file: "compat/llamacpp-stream-reasoning.sse", content: "Hello!", reasoning: "We should greet.", finish: .stop,
        usage: Usage(promptTokens: 1085, completionTokens: 247, totalTokens: 1332), error: nil),
    Expected(
        file: "compat/vllm-stream-reasoning.sse", content: "Hi there!", reasoning: "Okay, the user says hi.",
        finish: .stop, usage: nil, error: nil),
]

@Suite("SSE parser and stream assembly over the fixtures")
struct SSEFixtureTests {
    @Test(arguments: streamFixtures)
    func everySplitGivesTheSameReply(_ expected: Expected) throws {
        let bytes = try fixture(expected.file, in: fixturesDirectory())
        for pieces in splits(of: bytes) {
            let result = assemble(pieces)
            let cutting = describe(pieces)
            #expect(result.reply.content == expected.content, cutting)
            #expect(result.reply.reasoning == expected.reasoning, cutting)
            #expect(result.reply.finishReason == expected.finish, cutting)
            #expect(result.reply.usage == expected.usage, cutting)
            switch expected.error {
            case nil: #expect(result.error == nil, cutting)
            case .stream:
                guard case .streamError = result.error else {
                    Issue.record("expected a stream error, got \(String(describing: result.error)); \(cutting)")
                    return
                }
            case .truncated: #expect(result.error == .truncated, cutting)
            }
        }
    }

    @Test func edgeCasesMatchTheExpectedFile() throws {
        let bytes = try fixture("stream-edge-cases.sse", in: fixturesDirectory())
        var parser = SSEParser()
        var assembler = StreamAssembler()
        for event in parser.feed(bytes) where !assembler.isDone { _ = try assembler.consume(event) }
        // 7 JSON payloads before [DONE]; the retry-only block dispatches nothing; id persists.
        #expect(assembler.payloadCount == 7)
        #expect(assembler.isDone)
        #expect(parser.reconnectionTime == 3000)
    }

    @Test func lineEndsAndFieldRules() {
        for end in ["\n", "\r\n", "\r"] {
            let body =
                ": comment\(end)event: ping\(end)data:first\(end)data: second\(end)id: 9\(end)\(end)data:\(end)\(end)"
            for pieces in splits(of: Array(body.utf8)) {
                var parser = SSEParser()
                let events = pieces.flatMap { parser.feed($0) }
                #expect(
                    events == [
                        SSEEvent(type: "ping", data: "first\nsecond", id: "9"), SSEEvent(data: "", id: "9"),
                    ], describe(pieces))
            }
        }
    }

    @Test func splitUTF8AndBOMAndUnterminatedEvent() {
        let body = Array("\u{FEFF}data: héllo → ✓\n\ndata: never dispatched".utf8)
        for pieces in splits(of: body) {
            var parser = SSEParser()
            let events = pieces.flatMap { parser.feed($0) }
            parser.finish()
            #expect(events == [SSEEvent(data: "héllo → ✓")], describe(pieces))
        }
    }

    @Test func aLineLongerThan64KBSurvives() {
        let long = String(repeating: "x", count: 200_000)
        var parser = SSEParser()
        var events: [SSEEvent] = []
        let bytes = Array("data: \(long)\n\n".utf8)
        var index = 0
        while index < bytes.count {
            events += parser.feed(bytes[index..<min(bytes.count, index + 1000)])
            index += 1000
        }
        #expect(events.count == 1)
        #expect(events.first?.data.count == 200_000)
    }

    @Test func errorEventTypeIsAnError() {
        var assembler = StreamAssembler()
        #expect(throws: ChatClientError.self) { try assembler.consume(SSEEvent(type: "error", data: "overloaded")) }
    }
}
