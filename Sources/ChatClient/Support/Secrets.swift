/// The secrets of this run (the API key, credentials in the base URL or a proxy URL), kept so
/// that every message can be scrubbed of them before it is printed or written: whatever a
/// library puts in an error, the secret does not reach the screen.
public enum Secrets {
    private static let known = Locked<[String]>([])

    /// Remembers a secret. Very short values are not kept: scrubbing them would mangle text.
    public static func register(_ secret: String) {
        guard secret.count >= 4 else { return }
        known.withLock { list in
            if !list.contains(secret) {
                list.append(secret)
                list.sort { $0.count > $1.count }  // longest first, so a key's prefix never survives its replacement
            }
        }
    }

    /// Remembers the parts of `user:password` credentials, encoded and decoded.
    public static func registerCredentials(_ credentials: String) {
        register(credentials)
        if let decoded = credentials.percentDecoded { register(decoded) }
        if let colon = credentials.firstIndex(of: ":") {
            let password = String(credentials[credentials.index(after: colon)...])
            register(password)
            if let decoded = password.percentDecoded { register(decoded) }
        }
    }

    /// The text with every known secret replaced by `[redacted]`.
    public static func redact(_ text: String) -> String {
        let secrets = known.withLock { $0 }
        guard !secrets.isEmpty else { return text }
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacing(secret, with: "[redacted]")
        }
        return result
    }
}
