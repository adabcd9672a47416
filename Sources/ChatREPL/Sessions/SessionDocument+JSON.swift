import ChatClient

// The fast way in and out of a session file: `JSONReader` and `JSONWriter` with the shapes
// written by hand, the same document and the same bytes as Codable gives, at a fraction of
// the cost (a session of 500 turns holds a thousand messages and 500 turns).
extension SessionDocument {
    /// The document the file's bytes hold, read as `JSONDecoder` reads it; nil wherever it
    /// might not (any shape it would refuse, a number it might read otherwise), so the caller
    /// goes the `JSONDecoder` way, which says what is wrong.
    static func fastRead(_ bytes: [UInt8]) -> SessionDocument? {
        try? JSONReader.reading(bytes) { (reader: inout JSONReader) throws(JSONReader.Failure) in
            try read(&reader)
        }
    }

    /// The document at the reader: messages and turns, the bulk, read piece by piece; the
    /// other keys as values, then checked as `init(from:)` checks them.
    private static func read(_ reader: inout JSONReader) throws(JSONReader.Failure) -> SessionDocument {
        try reader.beginObject()
        var members: [String: JSONValue] = [:]
        var messages: [ChatMessage]?
        var turns: [SessionFile.Turn]?
        while let key = try reader.nextKey() {
            switch key {
            case "messages":
                guard messages == nil else { throw reader.failure("messages twice") }
                var read: [ChatMessage] = []
                try reader.beginArray()
                while try reader.nextElement() { read.append(try ChatMessage(reading: &reader)) }
                messages = read
            case "turns":
                guard turns == nil else { throw reader.failure("turns twice") }
                var read: [SessionFile.Turn] = []
                try reader.beginArray()
                while try reader.nextElement() { read.append(try SessionFile.Turn(reading: &reader)) }
                turns = read
            default:
                guard members.updateValue(try reader.value(), forKey: key) == nil else {
                    throw reader.failure("a key twice")
                }
            }
        }
        guard !reader.hasLooseNumbers, let messages, let turns,
            let version = SessionFile.integer(members["version"]),
            case .string(let created) = members["created"] ?? .null,
            case .string(let updated) = members["updated"] ?? .null,
            let settingsValue = members["settings"], let settings = ConversationSettings(json: settingsValue),
            let totals = SessionFile.Totals(json: members["totals"] ?? .null)
        else { throw reader.failure("a shape JSONDecoder is left to judge") }
        let title: String?
        switch members["title"] ?? .null {
        case .null: title = nil
        case .string(let text): title = text
        default: throw reader.failure("a title not a string")
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
    /// The turn at the reader, read as `init(from:)` reads it; it throws wherever that might
    /// read otherwise (and on a key twice, of which `JSONDecoder` takes the first).
    init(reading reader: inout JSONReader) throws(JSONReader.Failure) {
        try reader.beginObject()
        var index: Int?
        var time: String?
        var interrupted: Bool?
        var model: String??
        var finishReason: String??
        var usage: Usage??
        var others: Set<String> = []
        /// A key `decodeIfPresent(String.self)` reads: null is nil, a string itself.
        func optionalString(_ reader: inout JSONReader) throws(JSONReader.Failure) -> String? {
            switch try reader.value() {
            case .null: return nil
            case .string(let text): return text
            default: throw reader.failure("not a string")
            }
        }
        while let key = try reader.nextKey() {
            switch key {
            case "message_index" where index == nil:
                guard let value = SessionFile.integer(try reader.value()) else { throw reader.failure("not an Int") }
                index = value
            case "time" where time == nil:
                time = try reader.string()
            case "interrupted" where interrupted == nil:
                guard case .bool(let flag) = try reader.value() else { throw reader.failure("not a Bool") }
                interrupted = flag
            case "model" where model == nil:
                model = .some(try optionalString(&reader))
            case "finish_reason" where finishReason == nil:
                finishReason = .some(try optionalString(&reader))
            case "usage" where usage == nil:
                let value = try reader.value()
                if value == .null {
                    usage = .some(nil)
                } else {
                    guard let counts = Usage(json: value) else { throw reader.failure("not usage") }
                    usage = .some(counts)
                }
            case "message_index", "time", "interrupted", "model", "finish_reason", "usage":
                throw reader.failure("a key twice")
            default:
                _ = try reader.value()
                guard others.insert(key).inserted else { throw reader.failure("a key twice") }
            }
        }
        guard let index, let time, let interrupted else { throw reader.failure("a key missing") }
        self.init(
            messageIndex: index,
            info: TurnInfo(
                time: time, model: model ?? nil, usage: usage ?? nil, interrupted: interrupted,
                finishReason: finishReason ?? nil))
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
