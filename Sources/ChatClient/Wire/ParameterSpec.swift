/// One request parameter Parley knows: its wire name, its type and the values it accepts.
/// The config reader, the command line, the slash-commands and the wire all read this table.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable {
        case number(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
        case boolean
        /// One of a fixed list of words.
        case choice([String])
        /// A string, or an array of 1 to `max` strings (`stop`).
        case strings(max: Int)
        /// An object of token ids to whole numbers in the range (`logit_bias`).
        case tokenMap(ClosedRange<Int>)
    }

    /// The name on the wire and in the config (`temperature`, `max_tokens`).
    public let name: String
    public let kind: Kind
    /// What it does, for help texts.
    public let summary: String

    public static let temperature = ParameterSpec(
        name: "temperature", kind: .number(0...2), summary: "sampling temperature")
    public static let maxTokens = ParameterSpec(
        name: "max_tokens", kind: .integer(1...10_000_000), summary: "reply length limit in tokens")
    public static let topP = ParameterSpec(name: "top_p", kind: .number(0...1), summary: "nucleus sampling")
    public static let seed = ParameterSpec(
        name: "seed", kind: .integer(-9_007_199_254_740_991...9_007_199_254_740_991),
        summary: "ask for repeatable sampling")
    public static let stop = ParameterSpec(
        name: "stop", kind: .strings(max: 4), summary: "text (or up to 4 texts) that ends the reply")
    public static let presencePenalty = ParameterSpec(
        name: "presence_penalty", kind: .number(-2...2), summary: "push towards new topics")
    public static let frequencyPenalty = ParameterSpec(
        name: "frequency_penalty", kind: .number(-2...2), summary: "push away from repeated words")
    public static let logitBias = ParameterSpec(
        name: "logit_bias", kind: .tokenMap(-100...100), summary: "token id to bias")
    public static let logprobs = ParameterSpec(
        name: "logprobs", kind: .boolean, summary: "return the log probabilities of the reply's tokens")
    public static let topLogprobs = ParameterSpec(
        name: "top_logprobs", kind: .integer(0...20), summary: "alternatives per token (with logprobs)")
    public static let reasoningEffort = ParameterSpec(
        name: "reasoning_effort", kind: .choice(["none", "minimal", "low", "medium", "high"]),
        summary: "how hard a reasoning model thinks")
    public static let verbosity = ParameterSpec(
        name: "verbosity", kind: .choice(["low", "medium", "high"]), summary: "how long the reply is")
    public static let serviceTier = ParameterSpec(
        name: "service_tier", kind: .choice(["auto", "default", "flex", "priority", "scale"]),
        summary: "processing tier (OpenAI)")
    public static let parallelToolCalls = ParameterSpec(
        name: "parallel_tool_calls", kind: .boolean, summary: "allow several tool calls at once")

    /// Every parameter Parley types and checks.
    public static let known: [ParameterSpec] = [
        temperature, topP, seed, stop, maxTokens, presencePenalty, frequencyPenalty, logitBias, logprobs,
        topLogprobs, reasoningEffort, verbosity, serviceTier, parallelToolCalls,
    ]

    public static func named(_ name: String) -> ParameterSpec? {
        known.first { $0.name == name }
    }

    /// "a number from 0 to 2", for messages.
    public var accepted: String {
        switch kind {
        case .number(let range): "a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))"
        case .integer(let range) where range.upperBound > 1_000_000_000_000: "a whole number"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: "true or false"
        case .choice(let words): Self.oneOf(words)
        case .strings(let max): "a text, or a JSON array of 1 to \(max) texts (e.g. [\"END\",\"\\n\\n\"])"
        case .tokenMap(let range):
            "a JSON object of token ids to whole numbers from \(range.lowerBound) to \(range.upperBound) "
                + "(e.g. {\"50256\": -100})"
        }
    }

    /// The value typed on a command line or after a slash-command, or nil when it is not accepted.
    public func value(parsing text: String) -> JSONValue? {
        let trimmed = text.strippedOfWhitespace
        let value: JSONValue
        switch kind {
        case .number:
            guard let number = Double(trimmed) else { return nil }
            value = .number(number)
        case .integer:
            guard trimmed.allSatisfy(\.isASCII), let number = Int(trimmed) else { return nil }
            value = .number(Double(number))
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "on", "yes": value = .bool(true)
            case "false", "off", "no": value = .bool(false)
            default: return nil
            }
        case .choice:
            value = .string(trimmed.lowercased())
        case .strings:
            // `[…]` (or a quoted JSON string) is read as JSON; any other text is the stop text itself.
            if trimmed.hasPrefix("[") || trimmed.hasPrefix("\"") {
                guard let json = JSONValue.parse(trimmed) else { return nil }
                value = json
            } else {
                value = .string(text)
            }
        case .tokenMap:
            guard let json = JSONValue.parse(trimmed) else { return nil }
            value = json
        }
        return check(value) ? value : nil
    }

    /// Whether a JSON value (from a config or a session file) is accepted.
    public func check(_ value: JSONValue) -> Bool {
        switch (kind, value) {
        case (.number(let range), .number(let number)):
            return number.isFinite && range.contains(number)
        case (.integer(let range), .number(let number)):
            return Self.isWhole(number, in: range)
        case (.boolean, .bool):
            return true
        case (.choice(let words), .string(let word)):
            return words.contains(word)
        case (.strings, .string(let text)):
            return !text.isEmpty
        case (.strings(let max), .array(let items)):
            return (1...max).contains(items.count) && items.allSatisfy { ($0.stringValue ?? "").isEmpty == false }
        case (.tokenMap(let range), .object(let members)):
            return members.allSatisfy { key, value in
                !key.isEmpty && key.allSatisfy(\.isASCII) && Int(key) != nil
                    && value.numberValue.map {
                        Self.isWhole($0, in: range)
                    } == true
            }
        default:
            return false
        }
    }

    private static func isWhole(_ number: Double, in range: ClosedRange<Int>) -> Bool {
        number.isFinite && number == number.rounded() && Double(range.lowerBound) <= number
            && number <= Double(range.upperBound)
    }

    private static func oneOf(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        return "one of " + words.dropLast().joined(separator: ", ") + " or " + last
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
