import ChatClient
import ChatREPL
import Foundation
import Synchronization
import TestSupport
import Testing

/// What one whole REPL run showed and sent.
struct Transcript {
    /// The prompts and typed lines (as a terminal echoes them), replies and command output.
    var out: String
    /// Notices and errors.
    var err: String
    /// The request bodies the server got, decoded.
    var requests: [[String: Any]]
    var history: [String]
}

/// Runs the REPL over `lines` against a fake server that answers the n-th request with
/// `answers[n]` at once: no network, no clock, no retries, no spinner, no colour, no disk.
func transcript(_ lines: [String], answers: [HTTPResponse]) async throws -> Transcript {
    let transport = TestHTTPTransport { _, index in
        guard index < answers.count else {
            return .failure(599, json: #"{"error":{"message":"the script has no answer \#(index)"}}"#)
        }
        return answers[index]
    }
    let client = ChatClient(
        settings: ServerSettings(baseURL: .test("http://fake.test/v1"), retry: RetryPolicy(maxRetries: 0)),
        transport: transport, waiter: RecordingWaiter(), random: { 0 }, now: { 1_800_000_000 })
    let out = RecordingSink()
    let err = RecordingSink()
    let console = Console(out: out, err: err, style: .plain)
    let reader = ScriptedReader(lines, echo: out)
    let runner = TurnRunner(
        client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
        errorContext: ErrorWording.Context(
            baseURL: "http://fake.test/v1", model: "m", keySent: false, keyNote: "no key is configured"))
    let repl = REPL(
        conversation: Conversation(settings: ConversationSettings(model: "m")), runner: runner, reader: reader,
        console: console, autosave: Autosave(store: nil, path: nil, lock: nil, console: console))
    _ = await repl.run()
    await client.shutdown()
    let bodies = try transport.requests.withLock { $0 }.map { request in
        try JSONSerialization.jsonObject(with: Data(request.body ?? [])) as? [String: Any] ?? [:]
    }
    return Transcript(out: out.text, err: err.text, requests: bodies, history: reader.history)
}

/// The contents of a request's messages, in order.
func contents(_ body: [String: Any]) -> [String] {
    (body["messages"] as? [[String: Any]] ?? []).compactMap { $0["content"] as? String }
}

/// Whole REPL runs, compared exactly: every line of stdout and of stderr, in order.
@Suite("Whole REPL transcripts, compared exactly")
struct TranscriptTests {
    @Test func twoTurnsAndASettingChange() async throws {
        let run = try await transcript(
            ["hello", "/temperature 0.3", "/model x", "and again", "/history", "/exit"],
            answers: [.streamed(["Hi", " there."]), .streamed(["Second", " reply."])])
        #expect(
            run.out == """
                > hello
                Hi there.
                > /temperature 0.3
                temperature: 0.3
                > /model x
                model: x
                > and again
                Second reply.
                > /history
                user: hello
                assistant: Hi there.
                user: and again
                assistant: Second reply.
                > /exit

                """)
        #expect(run.err == "")
        #expect(run.requests.count == 2)
        #expect(run.requests.first?["model"] as? String == "m")
        #expect(run.requests.first?["temperature"] == nil)
        #expect(run.requests.last?["model"] as? String == "x")
        #expect(run.requests.last?["temperature"] as? Double == 0.3)
        #expect(run.requests.map(contents) == [["hello"], ["hello", "Hi there.", "and again"]])
    }

    @Test func anErrorInTheMiddle() async throws {
        let run = try await transcript(
            ["one", "two", "three", "/history", "/exit"],
            answers: [
                .streamed(["first answer"]),
                .failure(
                    500, json: #"{"error":{"message":"The server had an error","type":"server_error"}}"#,
                    headers: [("content-type", "application/json"), ("x-request-id", "req_7")]),
                .streamed(["third answer"]),
            ])
        #expect(
            run.out == """
                > one
                first answer
                > two
                > three
                third answer
                > /history
                user: one
                assistant: first answer
                user: three
                assistant: third answer
                > /exit

                """)
        #expect(
            run.err == """
                error: The server had an error (500) [request id req_7]
                  the server failed; try again in a moment

                """)
        // The failed message was not kept in the conversation, nor sent again; it is still in
        // the input history, so up-arrow brings it back.
        #expect(
            run.requests.map(contents) == [["one"], ["one", "first answer", "two"], ["one", "first answer", "three"]])
        #expect(run.history == ["one", "two", "three", "/history", "/exit"])
    }

    @Test func undoAndRetry() async throws {
        let run = try await transcript(
            ["a", "b", "/undo", "/retry", "/history", "/undo", "/undo", "/retry", "/exit"],
            answers: [.streamed(["answer to a"]), .streamed(["answer to b"]), .streamed(["answer to a, again"])])
        #expect(
            run.out == """
                > a
                answer to a
                > b
                answer to b
                > /undo
                last exchange removed
                > /retry
                answer to a, again
                > /history
                user: a
                assistant: answer to a, again
                > /undo
                last exchange removed
                > /undo
                nothing to undo
                > /retry
                nothing to retry
                > /exit

                """)
        #expect(run.err == "")
        // /retry sent "a" alone: the undone exchange and the reply it replaces are gone.
        #expect(run.requests.map(contents) == [["a"], ["a", "answer to a", "b"], ["a"]])
    }
}
