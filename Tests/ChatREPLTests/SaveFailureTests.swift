import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("A REPL whose session cannot be saved says so at the end")
struct SaveFailureTests {
    @Test func theEndOfARunReportsTurnsThatAreNotOnDisk() async {
        await withTemporaryDirectory { directory in
            // A file where the sessions directory should be: every save fails.
            let blocker = directory + "/blocker"
            _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
            let transport = TestHTTPTransport { _, _ in
                HTTPResponse(
                    head: HTTPResponseHead(status: 200, headers: [("content-type", "text/event-stream")]),
                    body: ResponseBody(
                        bytes: Array(
                            (#"data: {"choices":[{"index":0,"delta":{"content":"hi"},"finish_reason":"stop"}]}"#
                                + "\n\ndata: [DONE]\n\n").utf8)))
            }
            let client = ChatClient(
                settings: ServerSettings(baseURL: .test("http://127.0.0.1:1/v1"), retry: RetryPolicy(maxRetries: 0)),
                transport: transport)
            let out = RecordingSink()
            let err = RecordingSink()
            let console = Console(out: out, err: err, style: .plain)
            let runner = TurnRunner(
                client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
                errorContext: ErrorWording.Context(
                    baseURL: "http://127.0.0.1:1/v1", model: "m", keySent: false, keyNote: ""))
            let repl = REPL(
                conversation: Conversation(settings: ConversationSettings(model: "m")), runner: runner,
                reader: ScriptedReader(["hello"]), console: console,
                autosave: Autosave(
                    store: SessionStore(directory: blocker + "/sessions"), path: nil, lock: nil, console: console))
            let saved = await repl.run()
            #expect(!saved)
            #expect(out.text == "hi\n")
            #expect(err.text.contains("the session could not be saved"))
            #expect(err.text.contains("the conversation is not saved"))
        }
    }
}
