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
}
