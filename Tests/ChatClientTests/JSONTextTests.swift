import ChatClient
import FoundationEssentials
import TestSupport
import Testing

/// `JSONEncoder` in the two formats `JSONWriter` copies.
func encoderBytes(_ value: some Encodable, pretty: Bool) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
        pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value))
}

/// What `JSONDecoder` reads the bytes as, or nil when it refuses them.
func decoderValue(_ bytes: [UInt8]) -> JSONValue? {
    try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
}

@Suite("JSON text: the fast reader and writer against JSONDecoder and JSONEncoder")
struct JSONTextTests {
    @Test func randomValuesAreWrittenAsJSONEncoderWritesThem() throws {
        var random = RandomJSON(seed: 0x5EED_0001)
        for round in 0..<600 {
            let value = random.value()
            for pretty in [false, true] {
                let expected = try encoderBytes(value, pretty: pretty)
                let written = pretty ? try JSONWriter.pretty(value) : try JSONWriter.compact(value)
                #expect(
                    written == expected,
                    "round \(round), pretty \(pretty):\n\(String(decoding: written, as: UTF8.self))\n\(String(decoding: expected, as: UTF8.self))"
                )
            }
        }
    }

    @Test func randomTextIsReadAsJSONDecoderReadsIt() throws {
        var random = RandomJSON(seed: 0x5EED_0002)
        for round in 0..<600 {
            let value = random.value()
            for pretty in [false, true] {
                let text = try encoderBytes(value, pretty: pretty)
                let expected = try #require(decoderValue(text))
                #expect(try JSONReader.parse(text) == expected, "round \(round)")
                #expect(expected == value, "round \(round): the generator makes only values JSON holds")
            }
        }
    }

    @Test func numbersAreWrittenAsJSONEncoderWritesThem() throws {
        let numbers: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.5, 1e-7, 1e-5, 0.0001, 1e15, 999_999_999_999_999, 1e16, 1e21, 1e22, 1e300,
            9_007_199_254_740_992, 123_456_789_012_345_683_968, .leastNonzeroMagnitude, 2.2250738585072014e-308,
            .greatestFiniteMagnitude,
            -.greatestFiniteMagnitude, 12345.678, -3.75e-10, 100, 2.5,
        ]
        for number in numbers {
            #expect(
                try JSONWriter.compact(.number(number)) == encoderBytes([number], pretty: false).dropFirst().dropLast())
        }
    }

    @Test func aNumberJSONCannotHoldIsRefusedAsJSONEncoderRefusesIt() {
        for number in [Double.nan, .infinity, -.infinity] {
            #expect(throws: JSONWriter.InvalidNumber.self) { try JSONWriter.compact(.array([.number(number)])) }
            #expect(throws: (any Error).self) { try encoderBytes(JSONValue.array([.number(number)]), pretty: false) }
        }
    }

    @Test func everyControlCharacterIsEscapedAsJSONEncoderEscapesIt() throws {
        var text = ""
        for code in 0..<0x100 {
            if let scalar = Unicode.Scalar(code) { text.unicodeScalars.append(scalar) }
        }
        text += "\u{2028}\u{2029}/😀e\u{301}"
        for pretty in [false, true] {
            let value = JSONValue.object([text: .string(text)])
            #expect(
                try (pretty ? JSONWriter.pretty(value) : JSONWriter.compact(value))
                    == encoderBytes(value, pretty: pretty))
        }
    }

    /// Strings are scanned eight bytes at a time: a character that needs escaping (or not) at
    /// every position of the first words, in strings of every length around a word.
    @Test func everyPositionInAWordIsSeen() throws {
        var specials = (0..<0x20).compactMap { Unicode.Scalar($0).map(String.init) }
        specials += ["\"", "\\", "/", "\u{7F}", "é", "😀", "a"]
        for special in specials {
            for length in 0..<20 {
                for position in 0...length {
                    let text =
                        String(repeating: "a", count: position) + special
                        + String(repeating: "b", count: length - position)
                    let value = JSONValue.array([.string(text)])
                    let expected = try encoderBytes(value, pretty: false)
                    #expect(
                        try JSONWriter.compact(value) == expected,
                        "\(special.unicodeScalars.map(\.value)) at \(position)")
                    #expect(try JSONReader.parse(expected) == value)
                    let raw = Array(("[\"" + text + "\"]").utf8)
                    #expect((try? JSONReader.parse(raw)) == decoderValue(raw))
                }
            }
        }
    }

    @Test func emptyAndNestedContainersArePrettyPrintedAsJSONEncoderDoes() throws {
        let values: [JSONValue] = [
            .array([]), .object([:]), .array([.array([]), .object([:])]),
            .object(["a": .array([]), "b": .object([:])]),
            .object(["a": .object(["b": .object(["c": .array([.null, .bool(true), .number(1)])])])]), .string(""),
            .null, .bool(false),
        ]
        for value in values {
            #expect(try JSONWriter.pretty(value) == encoderBytes(value, pretty: true))
            #expect(try JSONWriter.compact(value) == encoderBytes(value, pretty: false))
        }
    }

    @Test func keysSortByTheirUTF8Bytes() throws {
        let keys = [
            "b", "B", "a", "A", "_", "a1", "a10", "a2", "é", "e", "z", "ab", "a b", "10", "9", "~", "ß", "ss",
            "😀", "Ａ", "e\u{301}x", "éa", "\u{212B}", "Åb", "\u{E000}", "",
        ]
        let value = JSONValue.object(
            Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, .number(Double($0))) }))
        #expect(try JSONWriter.compact(value) == encoderBytes(value, pretty: false))
    }

    /// Valid text in unusual shapes: the reader gives what JSONDecoder gives.
    @Test func unusualTextIsReadAsJSONDecoderReadsIt() throws {
        let texts = [
            #" [ 1 , -0 , 0.5e1 , 1E5 , 1e-7 , -1.25E+2 , 123456789012345678901234567890 ] "#,
            #"{"a" : {"b" : [ ] , "c" : { } } }"#, "\t\r\n\"x\"\n", #""\u00e9\u0000\/\b\f\n\r\t\"\\\ud83d\ude00""#,
            #""\uD83D\uDE00 \u00E9""#, "true", "false", "null", "0", "-0.0", #"["\u007f", "é", "😀"]"#,
            "1.7976931348623157e308", "2.2250738585072014e-308", #"{"":""}"#,
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = try #require(decoderValue(bytes), "\(text)")
            #expect(try JSONReader.parse(bytes) == expected, "\(text)")
        }
    }

    /// Text JSONDecoder refuses: the reader refuses it too.
    @Test func whatJSONDecoderRefusesTheReaderRefuses() {
        var inputs: [[UInt8]] = [
            "", " ", "[", "]", "[,1]", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}", "[1] x", "[1][2]",
            "01", "1.", ".5", "+1", "-", "1e", "1e+", "0e5", "0E5", "[0e1]", "{\"a\":0e5}", "--1", "0x10", "NaN",
            "Infinity", "1e400", "-1e400", "1e-400",
            "tru", "nul", "True", "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\ud800\"", "\"\\udc00x\"",
            "\"\\ud800\\u0041\"", "\"\\ud800\\\"", "\"a\u{1}\"", "\"\t\"", "\"\n\"", "[1 2]", "{\"a\" 1}", "\"\\",
        ].map { Array($0.utf8) }
        inputs += [
            [0x22, 0x61, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0x80, 0x22],
            [0x22, 0xF0, 0x9F, 0x98, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0x5C, 0x75, 0x00],
        ]
        for input in inputs {
            #expect(decoderValue(input) == nil, "JSONDecoder reads \(input)")
            #expect(throws: JSONReader.Failure.self, "\(String(decoding: input, as: UTF8.self))") {
                try JSONReader.parse(input)
            }
        }
    }

    /// JSONDecoder reads 512 arrays in arrays, not 513; neither crashes on far deeper text.
    @Test func nestingIsLimitedWhereJSONDecoderLimitsIt() throws {
        for depth in [511, 512] {
            let text = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            #expect(decoderValue(text) != nil)
            #expect(try JSONReader.parse(text) == decoderValue(text))
        }
        for depth in [513, 100_000] {
            let text = Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
            #expect(decoderValue(text) == nil)
            #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(text) }
            let objects = Array(String(repeating: "{\"a\":", count: depth).utf8)
            #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(objects) }
        }
    }

    /// Text broken at random (cut, bytes changed, bytes added): whatever the reader accepts,
    /// JSONDecoder reads to the same value; nothing crashes.
    @Test func brokenTextIsNeverReadOtherwiseThanJSONDecoderReadsIt() throws {
        var random = RandomJSON(seed: 0x5EED_0003)
        let noise: [UInt8] = Array("{}[],:\"\\ -+.eE0179tfnu".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xED, 0xFF]
        var accepted = 0
        for round in 0..<3000 {
            var bytes = try encoderBytes(random.value(depth: 3), pretty: random.chance(50))
            for _ in 0..<random.int(1...3) {
                let at = random.int(0...bytes.count)
                switch random.int(0...2) {
                case 0: bytes.removeSubrange(at...)
                case 1: if at < bytes.count { bytes[at] = noise[random.int(0...(noise.count - 1))] }
                default: bytes.insert(noise[random.int(0...(noise.count - 1))], at: at)
                }
            }
            guard let value = try? JSONReader.parse(bytes) else { continue }
            accepted += 1
            #expect(decoderValue(bytes) == value, "round \(round): \(bytes)")
        }
        #expect(accepted > 100)
    }

    /// A key twice is left to JSONDecoder (which keeps the first); so are a byte-order mark,
    /// a trailing comma and a zero with an exponent but no fraction (it refuses `0e5` yet reads
    /// `0e0`, `0e-5` and `-0e5`: whatever the rule, the reader leaves them all to it).
    @Test func whatTheReaderLeavesToJSONDecoder() {
        for text in [
            "{\"a\":1,\"a\":2}", "\u{FEFF}[1]", "{\"é\":1,\"e\u{301}\":2}", "[1,]", "{\"a\":1,}", "0e0", "0e-5", "0e+5",
            "-0e5", "[-0e1]",
        ] {
            #expect(decoderValue(Array(text.utf8)) != nil)
            #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(Array(text.utf8)) }
        }
    }

    /// A whole number written with a fraction or exponent, or an integer too long for a
    /// Double, is flagged: read as an Int, JSONDecoder might read it otherwise.
    @Test func looseNumbersAreFlagged() throws {
        for text in [
            "[1.0]", "[1e2]", "[0.5e1]", "[9007199254740993]", "[1.00000000000000000001]", "[1234567890123456]",
        ] {
            #expect(try JSONReader.read(Array(text.utf8)).hasLooseNumbers, "\(text)")
        }
        for text in ["[1]", "[0.5]", "[-0]", "[123456789012345]", "[1e-7]", "[\"1.0\"]", "[0.1, 2, 3.75]"] {
            #expect(try !JSONReader.read(Array(text.utf8)).hasLooseNumbers, "\(text)")
        }
    }
}
