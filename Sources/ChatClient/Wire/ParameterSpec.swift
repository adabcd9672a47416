/// One request parameter Parley knows: its wire name, its type and the values it accepts.
/// The config reader, the command line, the slash-commands and the wire all read this table.
public struct ParameterSpec: Sendable {
    public enum Kind: Sendable {
        case number(ClosedRange<Double>)
        case integer(ClosedRange<Int>)
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

    /// Every parameter Parley types and checks.
    public static let known: [ParameterSpec] = [temperature, maxTokens]

    public static func named(_ name: String) -> ParameterSpec? {
        known.first { $0.name == name }
    }

    /// "a number from 0 to 2", for messages.
    public var accepted: String {
        switch kind {
        case .number(let range): "a number from \(Self.text(range.lowerBound)) to \(Self.text(range.upperBound))"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        }
    }

    /// The value typed on a command line or after a slash-command, or nil when it is not accepted.
    public func value(parsing text: String) -> JSONValue? {
        let trimmed = text.strippedOfWhitespace
        switch kind {
        case .number:
            guard let number = Double(trimmed) else { return nil }
            return check(.number(number)) ? .number(number) : nil
        case .integer:
            guard trimmed.allSatisfy(\.isASCII), let number = Int(trimmed) else { return nil }
            return check(.number(Double(number))) ? .number(Double(number)) : nil
        }
    }

    /// Whether a JSON value (from a config or a session file) is accepted.
    public func check(_ value: JSONValue) -> Bool {
        guard case .number(let number) = value, number.isFinite else { return false }
        switch kind {
        case .number(let range): return range.contains(number)
        case .integer(let range):
            return number == number.rounded() && Double(range.lowerBound) <= number
                && number <= Double(range.upperBound)
        }
    }

    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
