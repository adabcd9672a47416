import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock time as the session file writes it (UTC, ISO 8601).
public enum Clock {
    public static func timestamp(_ seconds: Double? = nil) -> String {
        var time = time_t(seconds ?? Double(Glibc.time(nil)))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

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
        updated = Clock.timestamp()
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

/// Where sessions live and how they are written, read, listed and locked.
public struct SessionStore: Sendable {
    public let directory: String
    /// A small file naming the session used last, wherever it lives (for `-c`).
    public let lastUsedFile: String?

    public init(directory: String, lastUsedFile: String? = nil) {
        self.directory = directory
        self.lastUsedFile = lastUsedFile
    }

    /// Notes `path` as the session used last.
    public func markUsed(_ path: String) {
        guard let lastUsedFile else { return }
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil {
                absolute =
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/"
                    + path
            }
        }
        try? FileSystem.makeParent(of: lastUsedFile)
        try? FileSystem.writeAtomically(Array((absolute + "\n").utf8), to: lastUsedFile)
    }

    /// A new file name that sorts by time and hints at the topic:
    /// `2026-11-24T21-34-05-how-do-i-undo-a-commit.json`.
    public func newPath(topic: String, now: Double? = nil) -> String {
        let stamp = Clock.timestamp(now).replacingOccurrences(":", with: "-").dropLast()
        var slug = ""
        for character in topic.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        var path = "\(directory)/\(stamp)\(slug.isEmpty ? "" : "-" + slug).json"
        var counter = 2
        while FileSystem.exists(path) {
            path = "\(directory)/\(stamp)-\(slug)-\(counter).json"
            counter += 1
        }
        return path
    }

    public func save(_ conversation: Conversation, to path: String) throws(ParleyError) {
        try FileSystem.makeParent(of: path)
        try FileSystem.writeAtomically(SessionFile(conversation).encoded(), to: path)
    }

    public func load(_ path: String) throws(ParleyError) -> Conversation {
        try SessionFile.decode(FileSystem.read(path), path: path)
    }

    /// The session used last: the one `markUsed` noted if it still exists, else the newest
    /// file in the sessions directory.
    public func latest() -> String? {
        if let lastUsedFile, let bytes = try? FileSystem.read(lastUsedFile) {
            let path = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines
            if !path.isEmpty, FileSystem.exists(path) { return path }
        }
        return FileSystem.listNewestFirst(directory, suffix: ".json").first?.path
    }

    /// Recent sessions, newest first, with what a listing shows.
    public func recent(limit: Int) -> [(path: String, modified: Double, conversation: Conversation?)] {
        FileSystem.listNewestFirst(directory, suffix: ".json").prefix(limit).map { entry in
            (entry.path, entry.modified, try? load(entry.path))
        }
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }

    func replacingOccurrences(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { result += character == target ? replacement : String(character) }
        return result
    }
}
