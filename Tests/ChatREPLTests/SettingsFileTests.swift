import ChatClient
import ChatREPL
import Foundation
import Testing

@Suite("Conversation settings in a session file")
struct SettingsFileTests {
    @Test func unknownKeysAreKeptButNeverSent() throws {
        let json = #"{"model":"m","temperature":0.5,"max_tokens":7,"future_key":{"a":1}}"#
        let settings = try JSONDecoder().decode(ConversationSettings.self, from: Data(json.utf8))
        #expect(settings.temperature == 0.5)
        #expect(settings.maxTokens == 7)
        #expect(settings.parameters["future_key"] == nil)
        #expect(settings.otherKeys["future_key"] == .object(["a": .number(1)]))
        let again = try JSONDecoder().decode(
            ConversationSettings.self, from: try JSONEncoder().encode(settings))
        #expect(again == settings)
    }

    @Test(arguments: [#"{"model":"m","max_tokens":1e30}"#, #"{"model":"m","temperature":9}"#])
    func outOfRangeParametersAreRefusedWithTheKey(_ json: String) {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(ConversationSettings.self, from: Data(json.utf8))
        }
    }
}
