import ChatClient
import ChatREPL
import Foundation
import HTTPTransportAHC
import TestSupport

func streamReply(_ text: String) -> CannedResponse {
    .sse([
        #"data: {"choices":[{"index":0,"delta":{"content":"\#(text)"},"finish_reason":null}]}"# + "\n\n",
        #"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"#
            + "\n\ndata: [DONE]\n\n",
    ])
}

/// A REPL wired to a test server and recording sinks.
struct Harness {
    let server: TestServer
    let client: ChatClient
    let out = RecordingSink()
    let err = RecordingSink()
    /// Where `run(save: true)` keeps sessions: a directory the test owns (a suite's
    /// `TemporaryDirectory`, which is removed after the test), never one the harness makes.
    let directory: String

    init(server: TestServer, directory: String = "/nonexistent/parley-harness") {
        self.server = server
        self.directory = directory
        client = ChatClient(
            settings: ServerSettings(baseURL: .test(server.baseURL), retry: RetryPolicy(maxRetries: 0)),
            transport: LiveTransport.make(connectTimeout: 5))
    }

    var console: Console { Console(out: out, err: err, style: .plain) }

    func run(
        _ lines: [String], settings: ConversationSettings = ConversationSettings(model: "m"), save: Bool = false,
        path: String? = nil, models: ModelTable = ModelTable(), cap: Double? = nil, stream: Bool = true,
        start: Conversation? = nil
    ) async -> (REPL, ScriptedReader) {
        let reader = ScriptedReader(lines)
        let runner = TurnRunner(
            client: client, console: console, interrupts: InterruptController(), stream: stream, spinner: false,
            errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: "none"),
            models: models, maxCostPerSession: cap)
        let store = save ? SessionStore(directory: directory + "/sessions") : nil
        let repl = REPL(
            conversation: start ?? Conversation(settings: settings), runner: runner, reader: reader, console: console,
            autosave: Autosave(store: store, path: path, lock: nil, console: console))
        _ = await repl.run()
        return (repl, reader)
    }

    func requestBodies() throws -> [[String: Any]] {
        try server.requests.filter { $0.method == "POST" }.map {
            try JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any] ?? [:]
        }
    }

    func shutdown() async {
        await client.shutdown()
        await server.shutdown()
    }
}

func messages(_ body: [String: Any]) -> [[String: String]] {
    (body["messages"] as? [[String: Any]] ?? []).map { message in
        message.compactMapValues { $0 as? String }
    }
}
