import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("What the server sends cannot drive the terminal")
struct SafeOutputTests {
    static let hostile = "x\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}1m\u{202E}y"

    /// A REPL whose stdout is a terminal without colour, against a fake server.
    func run(_ lines: [String], respond: @escaping @Sendable (HTTPRequestSpec, Int) -> HTTPResponse) async
        -> (out: String, err: String)
    {
        let client = ChatClient(
            settings: ServerSettings(baseURL: .test("http://fake.test/v1"), retry: RetryPolicy(maxRetries: 0)),
            transport: TestHTTPTransport { request, index in respond(request, index) })
        let out = RecordingSink()
        let err = RecordingSink()
        let console = Console(
            out: out, err: err, style: Style(colorOut: false, colorErr: false, outIsTerminal: true, errIsTerminal: true)
        )
        let runner = TurnRunner(
            client: client, console: console, interrupts: InterruptController(), stream: true, spinner: false,
            errorContext: ErrorWording.Context(baseURL: "http://fake.test/v1", model: "m", keySent: false, keyNote: ""))
        let repl = REPL(
            conversation: Conversation(settings: ConversationSettings(model: "m")), runner: runner,
            reader: ScriptedReader(lines), console: console,
            autosave: Autosave(store: nil, path: nil, lock: nil, console: console))
        await repl.run()
        return (out.text, err.text)
    }

    static func json(_ status: Int, _ object: Any) -> HTTPResponse {
        HTTPResponse(
            head: HTTPResponseHead(status: status, headers: [("content-type", "application/json")]),
            body: ResponseBody(bytes: (try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }

    static func stream(_ text: String) -> HTTPResponse {
        let event = try? JSONSerialization.data(
            withJSONObject: ["choices": [["index": 0, "delta": ["content": text], "finish_reason": "stop"]]])
        return HTTPResponse(
            head: HTTPResponseHead(status: 200, headers: [("content-type", "text/event-stream")]),
            body: ResponseBody(
                bytes: Array(("data: " + String(decoding: event ?? Data(), as: UTF8.self) + "\n\n").utf8)))
    }

    func expectNeutralised(_ text: String, _ place: String) {
        #expect(!text.contains("\u{1B}"), "\(place): \(text.debugDescription)")
        #expect(!text.contains("\u{9B}"), "\(place)")
        #expect(!text.contains("\u{202E}"), "\(place)")
        #expect(text.contains("x^[]0;pwned^G^[[2J<U+009B>1m<U+202E>y"), "\(place): \(text.debugDescription)")
    }

    @Test func inAReplyAndInHistory() async {
        let (out, _) = await run(["hi", "/history"]) { _, _ in Self.stream(Self.hostile) }
        let parts = out.components(separatedBy: "assistant: ")
        expectNeutralised(parts.first ?? "", "the reply")
        expectNeutralised(parts.last ?? "", "/history")
    }

    @Test func inAnErrorMessage() async {
        let (_, err) = await run(["hi"]) { _, _ in Self.json(400, ["error": ["message": Self.hostile]]) }
        expectNeutralised(err, "the error")
    }

    @Test func inTheModelList() async {
        let (out, _) = await run(["/models"]) { _, _ in Self.json(200, ["data": [["id": Self.hostile]]]) }
        expectNeutralised(out, "/models")
    }

    /// A transport's words can quote what the server sent (a malformed Content-Length's value):
    /// control characters in them never reach the terminal.
    @Test(arguments: [
        ConnectionFailure.other("its Content-Length \"\u{1B}]52;c;aGk=\u{07}\" is not a number of bytes"),
        .tls("bad \u{1B}[2J certificate"), .proxy("refused \u{1B}[31m"),
    ])
    func aConnectionErrorsDetailIsNeutralized(failure: ConnectionFailure) {
        let words = ErrorWording.words(for: .client(.connection(failure, host: "127.0.0.1:8080")), context: nil)
        #expect(!words.message.contains("\u{1B}"))
        #expect(!words.message.contains("\u{07}"))
    }
}
