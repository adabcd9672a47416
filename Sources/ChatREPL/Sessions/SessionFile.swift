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
/// "finish_reason"}], "totals":{…}}`, and `"title"` once `/title` gave one (files without it
/// are read as before). It never holds the API key.
struct SessionFile: Codable, Equatable {
    static let currentVersion = 1

    var version: Int
    var created: String
    var updated: String
    /// Written only when set, so files from before titles and files without one look the same.
    var title: String?
    var settings: ConversationSettings
    var messages: [ChatMessage]
    var turns: [Turn]
    var totals: Totals

    struct Turn: Codable, Equatable {
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

    struct Totals: Codable, Equatable {
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
        title = conversation.title
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

    /// Reads a session file; a wrong shape or a newer version is a `.session` error with the reason.
    static func decode(_ bytes: [UInt8], path: String) throws(ParleyError) -> Conversation {
        try readDocument(bytes, path: path).conversation(path: path)
    }

    /// Reads and checks the file's JSON, without making a conversation of it yet.
    static func read(_ bytes: [UInt8], path: String) throws(ParleyError) -> SessionFile {
        try readDocument(bytes, path: path).file
    }

    /// Reads and checks the file's JSON, its other top-level keys kept.
    static func readDocument(_ bytes: [UInt8], path: String) throws(ParleyError) -> SessionDocument {
        // The fast way first; a file it is not sure of is read by JSONDecoder, which says what is wrong.
        if let document = SessionDocument.fastRead(bytes) {
            try checkVersion(document.file.version, path: path)
            return document
        }
        return try codableReadDocument(bytes, path: path)
    }

    /// Reads the file with `JSONDecoder`: the reference for `SessionDocument.fastRead`, and the
    /// way a file that is wrong is told what is wrong with it.
    static func codableReadDocument(_ bytes: [UInt8], path: String) throws(ParleyError) -> SessionDocument {
        if bytes.isEmpty { throw .session(path: path, "is empty") }
        let decoder = JSONDecoder()
        // The whole file first, so a good one is parsed once (a rebuild of the index reads thousands);
        // only a file that fails is read again for its version, which decides what to say.
        let failure: any Error
        do {
            let document = try decoder.decode(SessionDocument.self, from: Data(bytes))
            try checkVersion(document.file.version, path: path)
            return document
        } catch let error as ParleyError {
            throw error
        } catch {
            failure = error
        }
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
        try checkVersion(version, path: path)
        throw .session(path: path, "is not a valid session (\(JSONErrorText.describe(failure)))")
    }

    private static func checkVersion(_ version: Int, path: String) throws(ParleyError) {
        guard version <= currentVersion else {
            throw .session(
                path: path,
                "has format version \(version), newer than this Parley reads (\(currentVersion)); upgrade Parley")
        }
        guard version >= 1 else { throw .session(path: path, "has an unknown format version \(version)") }
    }

    /// The conversation the file holds; a turn that points at no message is a `.session` error.
    func conversation(path: String) throws(ParleyError) -> Conversation {
        var messages = self.messages
        var settings = self.settings
        var offset = 0
        if let first = messages.first, first.role == .system || first.role == .developer {
            if settings.systemPrompt == nil { settings.systemPrompt = first.content }
            messages.removeFirst()
            offset = 1
        }
        var info: [TurnInfo?] = messages.map { _ in nil }
        for turn in turns {
            let index = turn.messageIndex - offset
            guard info.indices.contains(index) else {
                throw .session(path: path, "is not a valid session (a turn points at message \(turn.messageIndex))")
            }
            info[index] = turn.info
        }
        var conversation = Conversation(
            settings: settings, messages: messages, info: info, created: created, title: title)
        // Killed in the middle of a tool chain: the calls left without a result get one.
        conversation.answerUnansweredToolCalls(with: "interrupted: Parley stopped before this tool call finished")
        return conversation
    }
}

// MARK: - The top-level keys it models (every other key is kept as it was: SessionDocument)

extension SessionFile {
    /// Whether a top-level key is one this type reads and writes (its coding keys, whichever
    /// fields it has).
    static func models(_ key: String) -> Bool {
        CodingKeys(stringValue: key) != nil
    }
}

extension SessionDocument {
    /// The conversation the file holds, with the file's other top-level keys.
    func conversation(path: String) throws(ParleyError) -> Conversation {
        var conversation = try file.conversation(path: path)
        conversation.fileKeys = otherKeys
        return conversation
    }
}
