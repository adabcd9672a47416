#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `user:password@` in the base URL, sent as HTTP Basic authorization (as curl does with such
/// a URL). The HTTP library takes the URL's host and path but never its credentials, so the
/// header is made here.
enum BasicAuthorization {
    /// `Basic <base64>` for credentials as they stand in a URL: percent-escapes are decoded
    /// first (`p%40ss` is the password `p@ss`). The value is registered as a secret, so no
    /// message can show it.
    static func value(forURLCredentials credentials: String) -> String {
        let plain = credentials.percentDecoded ?? credentials
        let encoded = Data(plain.utf8).base64EncodedString()
        Secrets.register(encoded)
        return "Basic " + encoded
    }
}
