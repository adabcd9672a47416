#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads a request parameter typed by the user (`-o KEY=VALUE`, `/set KEY VALUE`, config
/// `params`): a known key is typed and range-checked, any other is taken as JSON, or as a
/// string when the value is not JSON.
public enum ParameterValue {
    /// Keys that Parley sets itself: naming them with `-o` or `/set` is a mistake.
    public static let reserved: [String: String] = [
        "model": "use -m/--model or /model",
        "messages": "the conversation is the messages",
        "stream": "use --no-stream or config \"stream\"",
        "stream_options": "Parley asks for usage itself",
        "n": "Parley shows one reply",
    ]

    /// Other names for known keys.
    public static let aliases = ["max_completion_tokens": ParameterSpec.maxTokens.name]

    /// The parameter's name as stored (an alias resolved), and its value.
    public static func parse(name rawName: String, value text: String) throws(ParameterProblem) -> (String, JSONValue) {
        let name = aliases[rawName] ?? rawName
        guard !name.isEmpty, name.allSatisfy({ !$0.isWhitespace && !$0.isNewline && $0 != "=" }) else {
            throw ParameterProblem("'\(rawName)' is not a parameter name (a word such as top_p or seed)")
        }
        if let advice = reserved[name] {
            throw ParameterProblem("\(name) cannot be set as a parameter: \(advice)")
        }
        if let spec = ParameterSpec.named(name) {
            guard let value = spec.value(parsing: text) else {
                throw ParameterProblem("\(name) takes \(spec.accepted); got \(quoted(text))")
            }
            return (name, value)
        }
        return (name, JSONValue.parse(text.strippedOfWhitespace) ?? .string(text))
    }

    /// `KEY=VALUE`, as `-o` takes it.
    public static func parse(assignment: String) throws(ParameterProblem) -> (String, JSONValue) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw ParameterProblem(
                "-o takes KEY=VALUE (e.g. -o seed=42 or -o 'stop=[\"END\"]'); got \(quoted(assignment))")
        }
        return try parse(
            name: String(assignment[..<equals]).strippedOfWhitespace,
            value: String(assignment[assignment.index(after: equals)...]))
    }

    /// Whether Parley types this key (else it is passed through as given).
    public static func isKnown(_ name: String) -> Bool {
        ParameterSpec.named(name) != nil
    }

    /// A value as it is shown and sent: compact JSON, whole numbers without a fraction.
    public static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .number(let number):
            return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(text).joined(separator: ",") + "]"
        case .object(let members):
            return "{"
                + members.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + text($0.value) }.joined(
                    separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? encoder.encode(text), let json = String(bytes: data, encoding: .utf8) else {
            return "\"\(text)\""
        }
        return json
    }
}

/// A parameter that cannot be set as typed: the message says what was wrong and what is accepted.
public struct ParameterProblem: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

extension JSONValue {
    /// A JSON document read from text, or nil when the text is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        guard !text.isEmpty else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}
