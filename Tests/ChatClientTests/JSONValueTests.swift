import ChatClient
import FoundationEssentials
import Testing

@Suite("JSON values: every kind read back as itself")
struct JSONValueTests {
    @Test func eachKindKeepsItsType() throws {
        let text = #"[null, "s", true, false, 1, 1.5, -0.0, "1", "true", "", [1, "a"], {"a": "b", "n": null}]"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(
            value
                == .array([
                    .null, .string("s"), .bool(true), .bool(false), .number(1), .number(1.5), .number(-0.0),
                    .string("1"), .string("true"), .string(""), .array([.number(1), .string("a")]),
                    .object(["a": .string("b"), "n": .null]),
                ]))
    }

    /// A message's content: text as text, parts as parts, null kept apart from absent.
    @Test func messageContentOfEachShape() throws {
        func message(_ json: String) throws -> ChatMessage {
            try JSONDecoder().decode(ChatMessage.self, from: Data(json.utf8))
        }
        let text = try message(#"{"role": "user", "content": "hi", "name": "x"}"#)
        #expect(text.content == "hi" && text.contentParts == nil)
        #expect(text.otherKeys == ["name": .string("x")])
        let parts = try message(
            #"{"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]}"#)
        #expect(parts.content == "ab")
        #expect(parts.contentParts != nil)
        let null = try message(#"{"role": "assistant", "content": null}"#)
        #expect(null.content.isEmpty && null.contentParts == .null)
        let absent = try message(#"{"role": "assistant"}"#)
        #expect(absent.content.isEmpty && absent.contentParts == nil)
        #expect(throws: (any Error).self) { try message(#"{"role": "user", "content": 5}"#) }
    }
}
