import ChatClient
import FoundationEssentials
import TestSupport
import Testing

@testable import ChatREPL

/// Session documents of every shape a file holds: settings with typed and untyped parameters,
/// role examples and keys of a newer Parley; messages with parts and tool calls; turns with and
/// without usage; a title; top-level keys Parley does not model.
private func randomDocument(_ random: inout RandomJSON) -> SessionDocument {
    var settings = ConversationSettings(model: random.string())
    if random.chance(50) { settings.baseURL = "http://127.0.0.1:8080/v1" }
    if random.chance(50) { settings.systemPrompt = random.string() }
    if random.chance(30) { settings.role = random.string() }
    if random.chance(20) { settings.roleTemplate = random.string() }
    if random.chance(20) { settings.roleExamples = [plainMessage(&random), plainMessage(&random)] }
    if random.chance(50) { settings.temperature = [0, 0.7, 1, 2, 0.25][random.int(0...4)] }
    if random.chance(50) { settings.maxTokens = random.int(1...100_000) }
    if random.chance(30) { settings.parameters["stop"] = .array([.string("END" + random.string())]) }
    if random.chance(30) { settings.parameters["x-custom"] = random.value(depth: 2) }
    if random.chance(20) { settings.otherKeys["newer_key"] = random.value(depth: 2) }
    var messages: [ChatMessage] = []
    var turns: [SessionFile.Turn] = []
    if random.chance(40) { messages.append(ChatMessage(role: .system, content: random.string())) }
    for _ in 0..<random.int(0...12) {
        let message = plainMessage(&random)
        messages.append(message)
        if message.role == Role.assistant || random.chance(10) {
            var usage: Usage?
            if random.chance(70) {
                usage = Usage(
                    promptTokens: random.int(0...100_000), completionTokens: random.int(0...5000),
                    estimated: random.chance(30))
            }
            let info = TurnInfo(
                time: "2026-01-01T00:00:00Z", model: random.chance(80) ? random.string() : nil, usage: usage,
                interrupted: random.chance(20),
                finishReason: random.chance(70) ? ["stop", "length"][random.int(0...1)] : nil)
            turns.append(SessionFile.Turn(messageIndex: messages.count - 1, info: info))
        }
    }
    let file = SessionFile(
        version: 1, created: "2026-01-01T00:00:00Z", updated: "2026-01-02T00:00:00Z",
        title: random.chance(30) ? random.string() : nil, settings: settings, messages: messages, turns: turns,
        totals: SessionFile.Totals(
            turns: turns.count, promptTokens: random.int(0...1_000_000), completionTokens: random.int(0...1_000_000),
            totalTokens: random.int(0...2_000_000)))
    var others: [String: JSONValue] = [:]
    if random.chance(20) { others[random.key()] = random.value(depth: 2) }
    if random.chance(10) { others["version"] = .number(7) }  // a modeled key: never written from what was kept
    return SessionDocument(file: file, otherKeys: others)
}

/// A random message whose other keys do not name role or content (such a message is written
/// in a shape that cannot be read back, by Codable as by the fast way).
private func plainMessage(_ random: inout RandomJSON) -> ChatMessage {
    var message = random.message()
    message.otherKeys["role"] = nil
    message.otherKeys["content"] = nil
    return message
}

/// What reading the bytes gives, the error as its text.
private func outcome(_ read: () throws(ParleyError) -> SessionDocument) -> Result<SessionDocument, ParleyError> {
    do throws(ParleyError) {
        return .success(try read())
    } catch {
        return .failure(error)
    }
}

/// Whether two outcomes of reading the same file agree. For a file with several faults,
/// JSONDecoder names the first it meets among the keys of an object, in the order of a
/// dictionary, which depends on the process and on where the dictionary was allocated: two
/// reads of the same file can name different faults ("is not a valid session (…)"), the Codable
/// way against itself as well. Every other outcome must be the same.
private func agree(_ one: Result<SessionDocument, ParleyError>, _ other: Result<SessionDocument, ParleyError>) -> Bool {
    if one == other { return true }
    guard case .failure(.session(let onePath, let oneReason)) = one,
        case .failure(.session(let otherPath, let otherReason)) = other
    else { return false }
    let invalid = "is not a valid session ("
    return onePath == otherPath && oneReason.hasPrefix(invalid) && otherReason.hasPrefix(invalid)
}

/// The same document changed in one place a reader must check.
private func broken(_ json: JSONValue, _ random: inout RandomJSON) -> JSONValue {
    guard case .object(var top) = json else { return json }
    func change(_ key: String, _ edit: (inout JSONValue) -> Void) {
        var value = top[key] ?? .null
        edit(&value)
        top[key] = value
    }
    func changeElement(_ key: String, _ edit: (inout [String: JSONValue]) -> Void) {
        change(key) { value in
            guard case .array(var items) = value, !items.isEmpty else { return }
            let at = random.int(0...(items.count - 1))
            if case .object(var members) = items[at] {
                edit(&members)
                items[at] = .object(members)
            }
            value = .array(items)
        }
    }
    let odd: [JSONValue] = [
        .null, .string("1"), .number(1.5), .number(-1), .number(1e300), .bool(true), .array([]), .object([:]),
    ]
    switch random.int(0...11) {
    case 0: top["version"] = random.chance(50) ? odd[random.int(0...7)] : .number([0, 2, 1][random.int(0...2)])
    case 1:
        top[["created", "updated", "title", "settings", "messages", "turns", "totals"][random.int(0...6)]] =
            odd[random.int(0...7)]
    case 2: top[["created", "updated", "settings", "messages", "turns", "totals", "version"][random.int(0...6)]] = nil
    case 3:
        changeElement("turns") {
            $0[["message_index", "time", "interrupted", "model", "usage", "finish_reason"][random.int(0...5)]] =
                random.chance(30) ? nil : odd[random.int(0...7)]
        }
    case 4:
        changeElement("messages") {
            $0[["role", "content"][random.int(0...1)]] = random.chance(30) ? nil : odd[random.int(0...7)]
        }
    case 5:
        change("settings") {
            if case .object(var members) = $0 {
                members[
                    ["model", "temperature", "max_tokens", "base_url", "role_examples", "other_params", "seed"][
                        random.int(0...6)]] = odd[random.int(0...7)]
                $0 = .object(members)
            }
        }
    case 6:
        change("totals") {
            if case .object(var members) = $0 {
                members[["turns", "prompt_tokens", "total_tokens"][random.int(0...2)]] =
                    random.chance(30) ? nil : odd[random.int(0...7)]
                $0 = .object(members)
            }
        }
    case 7: changeElement("turns") { $0["message_index"] = .number(Double(random.int(-2...40))) }
    case 8:
        changeElement("turns") {
            $0["usage"] = .object(["prompt_tokens": odd[random.int(0...7)], "estimated": odd[random.int(0...7)]])
        }
    default: top[random.key()] = random.value(depth: 2)
    }
    return .object(top)
}

@Suite("Session files: the fast reader and writer give what Codable gives")
struct SessionFastPathTests {
    @Test func randomDocumentsAreWrittenAndReadAsCodableDoes() throws {
        var random = RandomJSON(seed: 0x5EED_0201)
        var fast = 0
        for round in 0..<300 {
            let document = randomDocument(&random)
            let expected = try document.codableEncoded()
            #expect(try document.fastEncoded() == expected, "round \(round)")
            #expect(try document.encoded() == expected)
            let read = SessionDocument.fastRead(expected)
            if read != nil { fast += 1 }
            let codable = try SessionFile.codableReadDocument(expected, path: "s.json")
            #expect(read == nil || read == codable, "round \(round)")
            #expect(
                outcome { () throws(ParleyError) in try SessionFile.readDocument(expected, path: "s.json") }
                    == outcome { () throws(ParleyError) in try SessionFile.codableReadDocument(expected, path: "s.json")
                    })
        }
        // Loose numbers (a random parameter of 1e16) leave a few to JSONDecoder; the rest go the fast way.
        #expect(fast > 250)
    }

    @Test func brokenDocumentsFailWithTheSameMessages() throws {
        var random = RandomJSON(seed: 0x5EED_0202)
        var failures = 0
        for round in 0..<600 {
            let document = randomDocument(&random)
            let json = try JSONReader.parse(try document.codableEncoded())
            let bytes = try JSONWriter.pretty(broken(json, &random))
            let fastWay = outcome { () throws(ParleyError) in try SessionFile.readDocument(bytes, path: "s.json") }
            let codableWay = outcome { () throws(ParleyError) in
                try SessionFile.codableReadDocument(bytes, path: "s.json")
            }
            #expect(agree(fastWay, codableWay), "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            if case .failure = codableWay { failures += 1 }
        }
        #expect(failures > 150)
    }

    /// Files broken byte by byte (cut, bytes changed, bytes added): the same document or the
    /// same error as JSONDecoder gives, and no crash.
    @Test func filesBrokenAtRandomFailWithTheSameMessages() throws {
        var random = RandomJSON(seed: 0x5EED_0203)
        let noise: [UInt8] = Array("{}[],:\"\\ -.e01tfnu".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xFF]
        var failures = 0
        for round in 0..<400 {
            var bytes = try randomDocument(&random).codableEncoded()
            for _ in 0..<random.int(1...2) {
                let at = random.int(0...bytes.count)
                switch random.int(0...2) {
                case 0: bytes.removeSubrange(at...)
                case 1: if at < bytes.count { bytes[at] = noise[random.int(0...(noise.count - 1))] }
                default: bytes.insert(noise[random.int(0...(noise.count - 1))], at: at)
                }
            }
            let fastWay = outcome { () throws(ParleyError) in try SessionFile.readDocument(bytes, path: "s.json") }
            let codableWay = outcome { () throws(ParleyError) in
                try SessionFile.codableReadDocument(bytes, path: "s.json")
            }
            #expect(agree(fastWay, codableWay), "round \(round): \(String(decoding: bytes, as: UTF8.self))")
            if case .failure = codableWay { failures += 1 }
        }
        #expect(failures > 100)
    }

    @Test func handWrittenFilesAreReadAsCodableReadsThem() throws {
        let files = [
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","title":"T","settings":{"model":"m","temperature":0.7,"max_tokens":100,"other_params":{"seed2":1,"model":"x"},"system_prompt":null,"x":null},"messages":[{"role":"system","content":"s"},{"role":"user","content":[{"type":"text","text":"a"},{"type":"image_url","image_url":{"url":"data:x"}}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"r"}],"turns":[{"message_index":2,"time":"t","model":null,"usage":{"prompt_tokens":1.5,"completion_tokens":"2"},"interrupted":false},{"message_index":3,"time":"t","usage":null,"interrupted":true,"finish_reason":"stop"}],"totals":{"turns":1,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0},"extra":{"k":[1,2]}}"#,
            #"{"version":1.0,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":2,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[{"role":"robot","content":"x"}],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m","temperature":5},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[{"message_index":0,"time":"t"}],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            "", " ", "{\"version\":1", "[]", "{}", "{\"version\":\"1\"}", "\u{FEFF}{}",
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[{"role":"user","role":"tool","content":"x"}],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[{"role":"user","content":"x"}],"turns":[{"message_index":0,"time":"t","interrupted":true,"interrupted":false}],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"messages":[{"role":"user","content":"x"}],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[{"role":"user","content":"x"},],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}"#,
            #"{"version":1,"created":"c","updated":"u","settings":{"model":"m"},"messages":[],"turns":[],"totals":{"turns":0,"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}} x"#,
        ]
        for text in files {
            let bytes = Array(text.utf8)
            let fastWay = outcome { () throws(ParleyError) in try SessionFile.readDocument(bytes, path: "s.json") }
            let codableWay = outcome { () throws(ParleyError) in
                try SessionFile.codableReadDocument(bytes, path: "s.json")
            }
            #expect(agree(fastWay, codableWay), "\(text)")
            if case .success(let document) = codableWay {
                #expect(try document.fastEncoded() == document.codableEncoded())
            }
        }
        #expect(SessionDocument.fastRead(Array(files[1].utf8)) != nil)
    }

    /// The repository's own session files (the fuzzer's seeds, hostile ones among them) and
    /// JSON fixtures (server replies and errors, requests): the same as the Codable way.
    @Test func theRepositorysFixturesAreReadAsCodableReadsThem() throws {
        let root = String(#filePath).split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
            .joined(separator: "/")
        let sessions = FileSystem.listNewestFirst(root + "/Fuzz/Corpus/FuzzSessionFile", suffix: ".json")
        #expect(sessions.count >= 5)
        for (path, _) in sessions {
            let bytes = try FileSystem.read(path)
            let fastWay = outcome { () throws(ParleyError) in try SessionFile.readDocument(bytes, path: path) }
            let codableWay = outcome { () throws(ParleyError) in try SessionFile.codableReadDocument(bytes, path: path)
            }
            #expect(agree(fastWay, codableWay), "\(path)")
            if case .success(let document) = codableWay {
                #expect(try document.fastEncoded() == document.codableEncoded(), "\(path)")
            }
        }
        var fixtures = 0
        for directory in ["/Tests/ChatClientTests/Fixtures", "/Tests/ChatClientTests/Fixtures/compat"] {
            for (path, _) in FileSystem.listNewestFirst(root + directory, suffix: ".json") {
                let bytes = try FileSystem.read(path)
                let expected = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
                #expect(try JSONReader.parse(bytes) == expected, "\(path)")
                fixtures += 1
            }
        }
        #expect(fixtures >= 20)
    }

    @Test func aConversationSavedIsTheBytesJSONEncoderWrites() throws {
        var conversation = Conversation(settings: ConversationSettings(model: "m", systemPrompt: "be brief"))
        for turn in 0..<20 {
            conversation.appendUser("question \(turn) \"quoted\" \\ é 😀")
            conversation.appendReply(
                "answer \(turn)\n```\ncode\n```",
                info: TurnInfo(time: Timestamp.now(), model: "m", usage: Usage(promptTokens: turn, completionTokens: 3))
            )
        }
        let document = SessionDocument(conversation)
        #expect(try document.fastEncoded() == document.codableEncoded())
        let bytes = try document.encoded()
        let codable = try SessionFile.codableReadDocument(bytes, path: "s.json")
        #expect(SessionDocument.fastRead(bytes) == codable)
    }
}
