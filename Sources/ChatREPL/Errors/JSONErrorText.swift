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
            return underlying.isEmpty ? "corrupted data" : Self.shorten(underlying)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return (path.isEmpty ? "" : "at '\(path)': ") + shorten(context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }

    private static func shorten(_ text: String) -> String {
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        return first.count > 160 ? String(first.prefix(160)) + "…" : first
    }
}
