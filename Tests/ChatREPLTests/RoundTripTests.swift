import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("A conversation from another tool survives a load and a save")
struct RoundTripTests {
    static let messages = #"""
        [
          {"role": "system", "content": "be brief"},
          {"role": "user", "content": [
            {"type": "text", "text": "what is in "},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}},
            {"type": "text", "text": "this picture?"}], "name": "ann"},
          {"role": "assistant", "content": null,
           "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": "look", "arguments": "{\"x\":1}"}}]},
          {"role": "tool", "tool_call_id": "call_1", "content": "a cat"},
          {"role": "assistant", "content": "A cat.", "refusal": null, "x_future": {"k": [1, 2]}}
        ]
        """#

    @Test func unknownFieldsPartsAndToolCallsAreKept() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/other.json"
            let file =
                #"{"version": 1, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "#
                + #""settings": {"model": "m"}, "messages": \#(Self.messages), "turns": [], "#
                + #""totals": {"turns": 0, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}"#
            _ = FileManager.default.createFile(atPath: path, contents: Data(file.utf8))
            let store = SessionStore(directory: directory)
            let conversation = try store.load(path)
            #expect(conversation.messages[0].content == "what is in this picture?")
            try store.save(conversation, to: path)
            let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            let original = try JSONSerialization.jsonObject(with: Data(Self.messages.utf8))
            let savedMessages = (saved as? [String: Any])?["messages"] as? [Any] ?? []
            #expect(
                NSArray(array: savedMessages).isEqual(to: original as? [Any] ?? []),
                "\(String(describing: savedMessages))")
            // And the request carries them as they were.
            let body = try conversation.request(stream: false).body()
            let sent = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            let sentMessages = sent?["messages"] as? [Any] ?? []
            #expect(NSArray(array: sentMessages).isEqual(to: original as? [Any] ?? []))
        }
    }

    /// Top-level keys Parley does not model, of every JSON kind.
    static let otherKeys = #"""
        {"x_tool": {"name": "other-chat", "nested": {"list": [1, 2.5, -3, true, null, "s"]}},
         "x_list": [{"a": 1}, [], {}, "two"], "x_number": 42, "x_fraction": 0.125, "x_small": -1.5e-7,
         "x_bool": false, "x_null": null, "x_text": "caf\u00e9 / \"quoted\""}
        """#

    /// The top-level keys of the JSON document other than Parley's own, as canonical JSON
    /// (keys sorted), so two documents compare as JSON values.
    static func otherKeys(of json: Data) throws -> String {
        let document = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        let keys = document.filter { $0.key.hasPrefix("x_") }
        return String(decoding: try JSONSerialization.data(withJSONObject: keys, options: [.sortedKeys]), as: UTF8.self)
    }

    static func otherKeys(at path: String) throws -> String {
        try otherKeys(of: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func unknownTopLevelKeysSurviveATurnAndSave() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/other.json"
            var file = String(Self.otherKeys.dropLast())  // the object without its closing brace
            file +=
                #", "version": 1, "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z", "#
                + #""settings": {"model": "m"}, "messages": [{"role": "user", "content": "hi"}, "#
                + #"{"role": "assistant", "content": "hello"}], "turns": [], "#
                + #""totals": {"turns": 1, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}"#
            _ = FileManager.default.createFile(atPath: path, contents: Data(file.utf8))
            let original = try Self.otherKeys(of: Data(Self.otherKeys.utf8))
            #expect(original.contains(#""x_fraction":0.125"#) && original.contains(#""x_null":null"#))

            // A load and a save by the store.
            let store = SessionStore(directory: directory)
            let conversation = try store.load(path)
            #expect(conversation.fileKeys.count == 8, "\(conversation.fileKeys)")
            try store.save(conversation, to: directory + "/copy.json")
            #expect(try Self.otherKeys(at: directory + "/copy.json") == original)

            // A REPL turn autosaved into the loaded file, then /save to another file.
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            let harness = Harness(server: server, directory: directory)
            let saved = directory + "/saved.json"
            _ = await harness.run(["/load \(path)", "next question", "/save \(saved)"], save: true)
            await harness.shutdown()
            #expect(harness.err.text.isEmpty, "\(harness.err.text)")
            let turns = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(((turns as? [String: Any])?["messages"] as? [Any])?.count == 4)
            let afterTurn = try Self.otherKeys(at: path)
            let afterSave = try Self.otherKeys(at: saved)
            #expect(afterTurn == original)
            #expect(afterSave == original)
            // They stay in the file: never sent to the server.
            let body = try #require(server.requests.last).bodyText
            #expect(!body.contains("x_tool") && !body.contains("other-chat"))
        }
    }

    @Test func aNewConversationDoesNotInheritTheFilesKeys() throws {
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        conversation.fileKeys = ["x_tool": .string("other")]
        conversation.clear()
        #expect(conversation.fileKeys.isEmpty)
    }
}
