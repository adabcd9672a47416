import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("/save never destroys a file")
struct SaveSafetyTests {
    func repl(_ lines: [String], directory: String) -> (REPL, RecordingSink, RecordingSink) {
        let out = RecordingSink()
        let err = RecordingSink()
        let console = Console(out: out, err: err, style: .plain)
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://fake.test/v1")),
            transport: TestHTTPTransport { _, _ in throw ChatClientError.truncated })
        let runner = TurnRunner(
            client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
            errorContext: ErrorWording.Context(baseURL: "http://fake.test/v1", model: "m", keySent: false, keyNote: ""))
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.appendUser("hello")
        conversation.appendReply("hi", info: TurnInfo(time: "2026-01-01T00:00:00Z"))
        let repl = REPL(
            conversation: conversation, runner: runner, reader: ScriptedReader(lines), console: console,
            autosave: Autosave(
                store: SessionStore(directory: directory + "/sessions"), path: nil, lock: nil, console: console))
        return (repl, out, err)
    }

    @Test(arguments: [("n", false), ("", false), ("yes", true), ("Y", true)])
    func aFileThatIsNotThisConversationIsReplacedOnlyWhenTheUserSaysSo(answer: String, replaced: Bool) async {
        await withTemporaryDirectory { directory in
            let path = directory + "/notes.txt"
            _ = FileManager.default.createFile(atPath: path, contents: Data("precious notes\n".utf8))
            let (repl, out, _) = repl(["/save \(path)", answer], directory: directory)
            await repl.run()
            let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            #expect(text.contains("precious notes") == !replaced)
            #expect(out.text.contains(replaced ? "saved to \(path)" : "not saved: \(path) is kept as it was"))
        }
    }

    @Test func aSessionAnotherParleyHoldsIsNotWritten() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/held.json"
            let held = try SessionLock(sessionPath: path)
            defer { held.release() }
            let (repl, _, err) = repl(["/save \(path)"], directory: directory)
            await repl.run()
            #expect(!FileManager.default.fileExists(atPath: path))
            #expect(err.text.contains("in use by another Parley"))
        }
    }
}
