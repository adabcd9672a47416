import ChatClient

// The fast way in and out of a session file: `JSONReader` and `JSONWriter` with the shapes
// written by hand, the same document and the same bytes as Codable gives, at a fraction of
// the cost (a session of 500 turns holds a thousand messages and 500 turns).
extension SessionDocument {
    /// The document the file's bytes hold, read as `JSONDecoder` reads it; nil wherever it
    /// might not (any shape it would refuse, a number it might read otherwise), so the caller
    /// goes the `JSONDecoder` way, which says what is wrong.
    static func fastRead(_ bytes: [UInt8]) -> SessionDocument? {
        guard let (json, loose) = try? JSONReader.read(bytes), !loose, case .object(let members) = json,
            let version = SessionFile.integer(members["version"]),
            case .string(let created) = members["created"] ?? .null,
            case .string(let updated) = members["updated"] ?? .null,
            let settingsValue = members["settings"], let settings = ConversationSettings(json: settingsValue),
            case .array(let messageValues) = members["messages"] ?? .null,
            case .array(let turnValues) = members["turns"] ?? .null,
            let totals = SessionFile.Totals(json: members["totals"] ?? .null)
        else { return nil }
        let title: String?
        switch members["title"] ?? .null {
        case .null: title = nil
        case .string(let text): title = text
        default: return nil
        }
        var messages: [ChatMessage] = []
        messages.reserveCapacity(messageValues.count)
        for value in messageValues {
            guard let message = ChatMessage(json: value) else { return nil }
            messages.append(message)
        }
        var turns: [SessionFile.Turn] = []
        turns.reserveCapacity(turnValues.count)
        for value in turnValues {
            guard let turn = SessionFile.Turn(json: value) else { return nil }
            turns.append(turn)
        }
        let file = SessionFile(
            version: version, created: created, updated: updated, title: title, settings: settings,
            messages: messages, turns: turns, totals: totals)
        return SessionDocument(file: file, otherKeys: members.filter { !SessionFile.models($0.key) })
    }

    /// The file's bytes as `encoded()` makes them with `JSONEncoder`, written by `JSONWriter`.
    func fastEncoded() throws(JSONWriter.InvalidNumber) -> [UInt8] {
        let capacity = file.messages.reduce(4096) { $0 + $1.content.utf8.count + 64 } + file.turns.count * 320
        var writer = JSONWriter(pretty: true, capacity: capacity)
        var names = ["created", "messages", "settings", "totals", "turns", "updated", "version"]
        if file.title != nil { names.append("title") }
        names += otherKeys.keys.filter { !SessionFile.models($0) }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        writer.beginObject()
        for name in names {
            writer.key(name)
            switch name {
            case "created": writer.string(file.created)
            case "updated": writer.string(file.updated)
            case "version": writer.integer(file.version)
            case "title": writer.string(file.title ?? "")
            case "settings": try writer.value(file.settings.jsonValue)
            case "totals": file.totals.write(to: &writer)
            case "messages":
                writer.beginArray()
                for message in file.messages {
                    writer.nextElement()
                    try message.write(to: &writer)
                }
                writer.endArray()
            case "turns":
                writer.beginArray()
                for turn in file.turns {
                    writer.nextElement()
                    turn.write(to: &writer)
                }
                writer.endArray()
            default: try writer.value(otherKeys[name] ?? .null)
            }
        }
        writer.endObject()
        return writer.bytes
    }
}

extension SessionFile {
    /// A file of these parts, as read.
    init(
        version: Int, created: String, updated: String, title: String?, settings: ConversationSettings,
        messages: [ChatMessage], turns: [Turn], totals: Totals
    ) {
        self.version = version
        self.created = created
        self.updated = updated
        self.title = title
        self.settings = settings
        self.messages = messages
        self.turns = turns
        self.totals = totals
    }

    /// A number `decode(Int.self)` reads as this integer, given no loose numbers (`JSONReader`).
    static func integer(_ value: JSONValue?) -> Int? {
        guard case .number(let number) = value ?? .null, number == number.rounded(.towardZero), abs(number) < 1e15
        else { return nil }
        return Int(number)
    }
}

extension SessionFile.Turn {
    /// The turn a JSON object holds, as `init(from:)` reads it, or nil where it might not.
    init?(json: JSONValue) {
        guard case .object(let members) = json, let index = SessionFile.integer(members["message_index"]),
            case .string(let time) = members["time"] ?? .null,
            case .bool(let interrupted) = members["interrupted"] ?? .null
        else { return nil }
        /// A key `decodeIfPresent(String.self)` reads: absent or null is nil, a string itself.
        func optionalString(_ key: String) -> String?? {
            switch members[key] ?? .null {
            case .null: return .some(nil)
            case .string(let text): return .some(text)
            default: return nil
            }
        }
        guard let model = optionalString("model"), let finishReason = optionalString("finish_reason") else {
            return nil
        }
        var usage: Usage?
        if let value = members["usage"], value != .null {
            guard let counts = Usage(json: value) else { return nil }
            usage = counts
        }
        self.init(
            messageIndex: index,
            info: TurnInfo(time: time, model: model, usage: usage, interrupted: interrupted, finishReason: finishReason)
        )
    }

    /// Writes the turn as `encode(to:)` does, keys sorted.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        if let finishReason = info.finishReason {
            writer.key("finish_reason")
            writer.string(finishReason)
        }
        writer.key("interrupted")
        writer.bool(info.interrupted)
        writer.key("message_index")
        writer.integer(messageIndex)
        if let model = info.model {
            writer.key("model")
            writer.string(model)
        }
        writer.key("time")
        writer.string(info.time)
        if let usage = info.usage {
            writer.key("usage")
            usage.write(to: &writer)
        }
        writer.endObject()
    }
}

extension SessionFile.Totals {
    /// The totals a JSON object holds, as `init(from:)` reads them, or nil where it might not.
    init?(json: JSONValue) {
        guard case .object(let members) = json, let turns = SessionFile.integer(members["turns"]),
            let prompt = SessionFile.integer(members["prompt_tokens"]),
            let completion = SessionFile.integer(members["completion_tokens"]),
            let total = SessionFile.integer(members["total_tokens"])
        else { return nil }
        self.init(turns: turns, promptTokens: prompt, completionTokens: completion, totalTokens: total)
    }

    /// Writes the totals as `encode(to:)` does, keys sorted.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("completion_tokens")
        writer.integer(completionTokens)
        writer.key("prompt_tokens")
        writer.integer(promptTokens)
        writer.key("total_tokens")
        writer.integer(totalTokens)
        writer.key("turns")
        writer.integer(turns)
        writer.endObject()
    }
}
