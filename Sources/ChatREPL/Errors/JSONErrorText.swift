import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Words for what JSONDecoder found wrong, without its debug dump.
enum JSONErrorText {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            // "Cannot initialize Role from invalid String value wizard" names a Swift type: say
            // where the value is and that it is not one of those accepted instead.
            if underlying.hasPrefix("Cannot initialize "), let value = underlying.firstRange(of: " value ") {
                let path = Self.path(context.codingPath)
                return (path.isEmpty ? "" : "at '\(path)': ")
                    + "\"\(underlying[value.upperBound...])\" is not one of the accepted values"
            }
            return underlying.isEmpty ? "corrupted data" : Self.shorten(underlying)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = Self.path(context.codingPath)
            return (path.isEmpty ? "" : "at '\(path)': ") + shorten(context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private static func shorten(_ text: String) -> String {
        var first = text.split(separator: "\n").first.map(String.init) ?? text
        // JSONDecoder words types the Swift way; a person reading a config error wants JSON's words.
        for (swift, json) in [
            ("Dictionary<String, Any>", "an object"), ("Array<Any>", "an array"), ("String", "a string"),
            ("Double", "a number"), ("Int", "a whole number"), ("Bool", "true or false"),
        ] {
            first = first.replacing("decode \(swift) but", with: "decode \(json) but")
        }
        first = first.replacing("Expected to decode", with: "expected").replacing(
            "CodingKeys(stringValue: ", with: "key ")
        return first.count > 160 ? String(first.prefix(160)) + "…" : first
    }
}
