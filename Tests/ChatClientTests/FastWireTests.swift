import ChatClient
import FoundationEssentials
import TestSupport
import Testing

@Suite("Fast wire: messages, usage and request bodies the same as through Codable")
struct FastWireTests {
    @Test func messagesAreReadAsCodableReadsThem() throws {
        var random = RandomJSON(seed: 0x5EED_0101)
        var read = 0
        for round in 0..<1000 {
            let json = random.messageJSON()
            let codable = try? JSONDecoder().decode(ChatMessage.self, from: Data(JSONWriter.compact(json)))
            #expect(ChatMessage(json: json) == codable, "round \(round): \(json)")
            if codable != nil { read += 1 }
        }
        #expect(read > 500)
    }

    @Test func messagesReadPieceByPieceAreWhatCodableReads() throws {
        var random = RandomJSON(seed: 0x5EED_0105)
        for round in 0..<1000 {
            let text = try JSONWriter.compact(random.messageJSON())
            let codable = try? JSONDecoder().decode(ChatMessage.self, from: Data(text))
            let read = try? JSONReader.reading(text) { (reader: inout JSONReader) throws(JSONReader.Failure) in
                try ChatMessage(reading: &reader)
            }
            #expect(read == codable, "round \(round): \(String(decoding: text, as: UTF8.self))")
        }
        // A key twice is left to JSONDecoder, which keeps the first.
        for text in [
            #"{"role":"user","role":"tool","content":"a"}"#, #"{"role":"user","content":"a","content":"b"}"#,
            #"{"role":"user","name":"a","name":"b"}"#, #"{"role":"user",}"#, #"{"role":"user" "content":"a"}"#,
        ] {
            #expect(throws: JSONReader.Failure.self) {
                try JSONReader.reading(Array(text.utf8)) { (reader: inout JSONReader) throws(JSONReader.Failure) in
                    try ChatMessage(reading: &reader)
                }
            }
        }
    }

    @Test func messagesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = RandomJSON(seed: 0x5EED_0102)
        for round in 0..<1000 {
            let message = random.message()
            for pretty in [false, true] {
                var writer = JSONWriter(pretty: pretty)
                try message.write(to: &writer)
                #expect(writer.bytes == (try encoderBytes(message, pretty: pretty)), "round \(round): \(message)")
            }
            #expect(try JSONWriter.compact(message.jsonValue) == encoderBytes(message, pretty: false))
        }
    }

    @Test func usageIsReadAndWrittenAsCodableDoes() throws {
        var random = RandomJSON(seed: 0x5EED_0103)
        let counts: [JSONValue] = [
            .number(0), .number(7), .number(-3), .number(1.5), .number(2.5e12), .number(1e14), .string("5"), .null,
            .bool(true), .number(Double(1 << 40)), .number(-0.0), .number(0.25),
        ]
        var compared = 0
        for round in 0..<1000 {
            var members: [String: JSONValue] = [:]
            for key in ["prompt_tokens", "completion_tokens", "total_tokens", "estimated"] where random.chance(80) {
                members[key] =
                    key == "estimated" && random.chance(70) ? .bool(random.chance(50)) : counts[random.int(0...11)]
            }
            let value: JSONValue = random.chance(95) ? .object(members) : .array([])
            let text = try JSONWriter.compact(value)
            let codable = try? JSONDecoder().decode(Usage.self, from: Data(text))
            // The fast path is only taken on text without loose numbers (1e14 is written "100000000000000").
            guard try !JSONReader.read(text).hasLooseNumbers else { continue }
            compared += 1
            #expect(Usage(json: try JSONReader.parse(text)) == codable, "round \(round): \(value)")
            if let codable {
                var writer = JSONWriter(pretty: round.isMultiple(of: 2))
                codable.write(to: &writer)
                #expect(writer.bytes == (try encoderBytes(codable, pretty: round.isMultiple(of: 2))))
            }
        }
        #expect(compared > 800)
    }

    @Test func requestBodiesAreTheBytesJSONEncoderWrites() throws {
        var random = RandomJSON(seed: 0x5EED_0104)
        let names = [
            "temperature", "max_tokens", "max_completion_tokens", "top_p", "seed", "stop", "tools", "stream",
            "stream_options", "model", "messages", "logit_bias", "x-custom", "n",
        ]
        for round in 0..<400 {
            var parameters = RequestParameters()
            for _ in 0..<random.int(0...5) {
                let value: JSONValue =
                    switch random.int(0...4) {
                    case 0: .number(Double(random.int(-5...100_000)))
                    case 1: .number([1e16, 1e20, -0.0, 0.7, 2.5e15, 9_007_199_254_740_992][random.int(0...5)])
                    default: random.value(depth: 2)
                    }
                parameters[names[random.int(0...(names.count - 1))]] = value
            }
            var request = ChatRequest(
                model: random.string(), messages: (0..<random.int(0...6)).map { _ in random.message() },
                parameters: parameters, maxTokensField: random.chance(50) ? .maxTokens : .maxCompletionTokens,
                stream: random.chance(50), includeUsage: random.chance(50))
            if random.chance(30) {
                request.tools = [.object(["type": .string("function"), "function": random.value(depth: 2)])]
            }
            let expected = Array(try request.codableBody())
            #expect(try request.bodyBytes() == expected, "round \(round)")
            #expect(try Array(request.body()) == expected)
        }
    }

    @Test func aBodyJSONCannotHoldFailsAsBefore() {
        var request = ChatRequest(model: "m", messages: [ChatMessage(role: .user, content: "q")])
        request.parameters["temperature"] = .number(.nan)
        #expect(throws: EncodingError.self) { try request.bodyBytes() }
    }
}
