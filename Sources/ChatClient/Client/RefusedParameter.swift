/// Reads which request parameter a 400 refuses, in the words servers use:
/// OpenAI's `unsupported_parameter` / `unsupported_value` with `param`, its
/// "Unrecognized request argument supplied: X" (`code` null), Venice's
/// "Unrecognized key(s) in object: 'X'", and any message that names a parameter the request
/// carries next to words such as "not supported" or "unknown".
enum RefusedParameter {
    /// Parameters that are never dropped: the user asked for them because the reply depends on them
    /// (`response_format`: a structured reply that is not checked would be wrong, not degraded).
    static let kept: Set<String> = ["response_format"]

    private static let refusalWords = [
        "unsupported", "not supported", "unrecognized", "unrecognised", "unknown", "not permitted", "not allowed",
        "extra inputs", "extra fields", "does not support", "invalid parameter", "unexpected",
    ]

    /// The name of the parameter the server refused, among `names` (those the request sends).
    static func named(in detail: ServerErrorDetail, among names: some Sequence<String>) -> String? {
        let candidates = names.filter { !kept.contains($0) }
        if let param = detail.param, candidates.contains(param),
            detail.code == "unsupported_parameter" || detail.code == "unsupported_value"
                || mentionsRefusal(detail.message)
        {
            return param
        }
        let message = detail.message
        if let range = message.firstRange(of: "Unrecognized request argument supplied: ") {
            let rest = message[range.upperBound...]
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            if candidates.contains(name) { return name }
        }
        guard mentionsRefusal(message) else { return nil }
        // The longest name first, so `top_logprobs` is found before `logprobs`.
        for name in candidates.sorted(by: { $0.count > $1.count }) where mentions(message, name) {
            return name
        }
        return nil
    }

    private static func mentionsRefusal(_ message: String) -> Bool {
        let lower = message.lowercased()
        return refusalWords.contains { lower.contains($0) }
    }

    /// The name quoted, or standing as a word of its own (not part of a longer name).
    private static func mentions(_ message: String, _ name: String) -> Bool {
        if message.contains("'\(name)'") || message.contains("\"\(name)\"") || message.contains("`\(name)`") {
            return true
        }
        let isPart = { (character: Character?) in character.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false }
        return message.ranges(of: name).contains { range in
            let before = range.lowerBound == message.startIndex ? nil : message[message.index(before: range.lowerBound)]
            let after = range.upperBound == message.endIndex ? nil : message[range.upperBound]
            return !isPart(before) && !isPart(after)
        }
    }
}
