import FoundationEssentials

// Vendored for Parley (not upstream): FoundationEssentials has no `Error.localizedDescription`
// (it is an NSError bridge of full Foundation, which links ICU). This stand-in, internal to the
// module, gives a `LocalizedError`'s `errorDescription` as Foundation does, and otherwise the
// error as `String(describing:)` writes it (Foundation: "The operation could not be completed...").
extension Error {
    var localizedDescription: String {
        if let localized = self as? any LocalizedError, let description = localized.errorDescription {
            return description
        }
        return String(describing: self)
    }
}

/// The underlying error of a decoded `MCPError.transportError` (upstream: an `NSError` with
/// domain "org.jsonrpc.error" and the text as its `NSLocalizedDescriptionKey`).
struct DecodedTransportError: LocalizedError {
    var code: Int
    var message: String
    var errorDescription: String? { message }
}
