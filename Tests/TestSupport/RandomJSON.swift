import ChatClient

/// Random JSON values for tests that hold a fast reader or writer against Codable: strings
/// with escapes, control characters, combining marks and emoji; numbers of every magnitude;
/// nesting. The same seed gives the same values.
public struct RandomJSON {
    public var generator: SeededGenerator

    public init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    /// Pieces strings are made of: what needs escaping, what does not, and what is many bytes.
    private static let pieces: [String] = [
        "a", "b", "Z", "0", " ", "word ", "tokens ", "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}",
        "\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "é", "e\u{301}", "ß", "中文", "😀", "👩‍👩‍👧", "\u{2028}", "\u{FEFF}",
        "\u{FFFF}", "\u{10FFFF}", "\u{E000}", "Ａ", "{", "}", "[", "]", ":", ",", "null", "1e5",
    ]

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    public mutating func chance(_ percent: Int) -> Bool {
        int(0...99) < percent
    }

    public mutating func string(maxPieces: Int = 8) -> String {
        var text = ""
        for _ in 0..<int(0...maxPieces) {
            text += Self.pieces[int(0...(Self.pieces.count - 1))]
        }
        return text
    }

    /// A short key, so that keys repeat and sort against each other.
    public mutating func key() -> String {
        chance(70)
            ? ["a", "b", "B", "_", "a1", "a10", "a2", "é", "e\u{301}x", "😀", "Ａ", "ab", ""][int(0...12)] : string()
    }

    /// A finite double, normal or zero (a subnormal is left to `JSONDecoder`).
    public mutating func number() -> Double {
        switch int(0...9) {
        case 0: return Double(int(-1000...1000))
        case 1: return Double(int(-(1 << 53)...(1 << 53)))
        case 2: return Double(int(-100_000...100_000)) / [10, 100, 1000, 1e7][int(0...3)]
        case 3: return [0.1, 1e-7, 1e-5, 1e-6, 0.0001, 1e15, 1e16, 1e21, 1e22, 9.999e15, -0.0, 0, 5e-300][int(0...12)]
        case 4: return Double(int(-9...9)) * pow10(int(-30...30))
        case 5:
            while true {
                let value = Double(bitPattern: generator.next())
                if value.isFinite && (value == 0 || abs(value) >= Double.leastNormalMagnitude) { return value }
            }
        default: return Double.random(in: -1e6...1e6, using: &generator)
        }
    }

    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        for _ in 0..<abs(exponent) { value *= 10 }
        return exponent < 0 ? 1 / value : value
    }

    public mutating func value(depth: Int = 4) -> JSONValue {
        switch int(0...(depth > 0 ? 7 : 4)) {
        case 0: return .null
        case 1: return .bool(chance(50))
        case 2: return .number(number())
        case 3, 4: return .string(string())
        case 5: return .array((0..<int(0...4)).map { _ in value(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<int(0...5) { members[key()] = value(depth: depth - 1) }
            return .object(members)
        }
    }

    /// A message object as files and other tools hold them: mostly good, now and then a shape
    /// `ChatMessage.init(from:)` refuses.
    public mutating func messageJSON() -> JSONValue {
        var members: [String: JSONValue] = [:]
        let roles = Role.allCases.map(\.rawValue) + ["robot", ""]
        switch int(0...19) {
        case 0: break
        case 1: members["role"] = .number(1)
        default: members["role"] = .string(chance(95) ? roles[int(0...4)] : roles[int(5...6)])
        }
        switch int(0...9) {
        case 0: break
        case 1: members["content"] = .null
        case 2:
            members["content"] = .array(
                (0..<int(0...3)).map { _ in
                    chance(70)
                        ? .object(["type": .string("text"), "text": .string(string())])
                        : value(depth: 2)
                })
        case 3: members["content"] = chance(50) ? .number(2) : .object(["text": .string("x")])
        default: members["content"] = .string(string(maxPieces: 20))
        }
        if chance(30) {
            for _ in 0..<int(1...3) {
                members[["tool_calls", "tool_call_id", "name", key()][int(0...3)]] = value(depth: 2)
            }
        }
        return .object(members)
    }

    /// A message as Parley makes them, with other keys now and then (which may name role or content).
    public mutating func message() -> ChatMessage {
        var message = ChatMessage(role: Role.allCases[int(0...4)], content: string(maxPieces: 20))
        if chance(15) { message.contentParts = chance(50) ? .null : .array([value(depth: 2)]) }
        if chance(20) {
            for _ in 0..<int(1...3) {
                message.otherKeys[["tool_calls", "name", "role", "content", key()][int(0...4)]] =
                    value(depth: 2)
            }
        }
        return message
    }
}
