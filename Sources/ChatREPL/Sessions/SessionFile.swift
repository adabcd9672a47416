import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The session file, format version 1 (README, "Session files"):
/// `{"version":1, "created", "updated", "settings":{…}, "messages":[OpenAI messages, the system
/// prompt first], "turns":[{"message_index", "time", "model", "usage", "interrupted",
/// "finish_reason"}], "totals":{…}}`. It never holds the API key.
struct SessionFile: Codable {
    static let currentVersion = 1

    var version: Int
    var created: String
    var updated: String
    var settings: ConversationSettings
    var messages: [ChatMessage]
    var turns: [Turn]
    var totals: Totals

    struct Turn: Codable {
        var messageIndex: Int
        var info: TurnInfo

        private enum CodingKeys: String, CodingKey { case messageIndex = "message_index" }

        init(messageIndex: Int, info: TurnInfo) {
            self.messageIndex = messageIndex
            self.info = info
        }

        init(from decoder: any Decoder) throws {
            messageIndex = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .messageIndex)
            info = try TurnInfo(from: decoder)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(messageIndex, forKey: .messageIndex)
            try info.encode(to: encoder)
        }
    }

    struct Totals: Codable {
        var turns: Int
        var promptTokens: Int
        var completionTokens: Int
        var totalTokens: Int

        private enum CodingKeys: String, CodingKey {
            case turns
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case totalTokens = "total_tokens"
        }
    }

    init(_ conversation: Conversation) {
        version = Self.currentVersion
        created = conversation.created
        updated = Timestamp.now()
        settings = conversation.settings
        let hasSystem = !(conversation.settings.systemPrompt ?? "").isEmpty
        messages = conversation.requestMessages
        let offset = hasSystem ? 1 : 0
        turns = conversation.info.enumerated().compactMap { index, info in
            info.map { Turn(messageIndex: index + offset, info: $0) }
        }
        let usage = conversation.totals
        totals = Totals(
            turns: conversation.turnCount, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens,
            totalTokens: usage.totalTokens)
    }

    func encoded() throws(ParleyError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .data("cannot encode the session: \(error)")
        }
    }

    /// Reads a session file; a wrong shape or a newer version is a `.session` error with the reason.
    static func decode(_ bytes: [UInt8], path: String) throws(ParleyError) -> Conversation {
        if bytes.isEmpty { throw .session(path: path, "is empty") }
        let decoder = JSONDecoder()
        struct Header: Decodable { var version: Int? }
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: Data(bytes))
        } catch {
            throw .session(path: path, "is not a Parley session (invalid JSON: \(JSONErrorText.describe(error)))")
        }
        guard let version = header.version else {
            throw .session(path: path, "is not a Parley session (no \"version\")")
        }
        guard version <= currentVersion else {
            throw .session(
                path: path,
                "has format version \(version), newer than this Parley reads (\(currentVersion)); upgrade Parley")
        }
        guard version >= 1 else { throw .session(path: path, "has an unknown format version \(version)") }
        let file: SessionFile
        do {
            file = try decoder.decode(SessionFile.self, from: Data(bytes))
        } catch {
            throw .session(path: path, "is not a valid session (\(JSONErrorText.describe(error)))")
        }
        var messages = file.messages
        var settings = file.settings
        var offset = 0
        if let first = messages.first, first.role == .system || first.role == .developer {
            if settings.systemPrompt == nil { settings.systemPrompt = first.content }
            messages.removeFirst()
            offset = 1
        }
        var info: [TurnInfo?] = messages.map { _ in nil }
        for turn in file.turns {
            let index = turn.messageIndex - offset
            guard info.indices.contains(index) else {
                throw .session(path: path, "is not a valid session (a turn points at message \(turn.messageIndex))")
            }
            info[index] = turn.info
        }
        return Conversation(settings: settings, messages: messages, info: info, created: file.created)
    }
}
