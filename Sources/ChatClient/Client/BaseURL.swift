/// An API base URL, parsed once. The key rule, the max-tokens field, the transport and doctor
/// all read this value, so `https://API.openai.com:443/v1` and `https://api.openai.com/v1/`
/// are the same server everywhere.
public struct BaseURL: Sendable, Equatable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// Lowercased, without brackets around an IPv6 address.
    public let host: String
    /// The port given, or the scheme's default.
    public let port: Int
    /// The path without a trailing slash: `/v1`, or "" for none.
    public let path: String
    /// `user:password` written into the URL: sent, never shown or saved.
    public let credentials: String?

    /// Why a text is not a usable base URL.
    public struct Problem: Error, Sendable, Equatable {
        public let message: String
    }

    public init(parsing text: String) throws(Problem) {
        let lower = text.lowercased()
        let scheme: String
        if lower.hasPrefix("http://") {
            scheme = "http"
        } else if lower.hasPrefix("https://") {
            scheme = "https"
        } else {
            throw Problem(
                message: "expected a URL starting with http:// or https:// (e.g. http://localhost:11434/v1), "
                    + "got \"\(Self.redacting(text))\"")
        }
        if text.contains(where: { $0.isWhitespace || $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) {
            throw Problem(message: "a URL cannot contain spaces or control characters")
        }
        let rest = text.dropFirst(scheme.count + 3)
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var path = String(rest.dropFirst(authority.count).prefix { $0 != "?" && $0 != "#" })
        if rest.dropFirst(authority.count).contains(where: { $0 == "?" || $0 == "#" }) {
            throw Problem(message: "a base URL has no query or fragment (…/v1, not …/v1?x=y)")
        }
        var credentials: String?
        if let at = authority.lastIndex(of: "@") {
            credentials = String(authority[..<at])
            authority = authority[authority.index(after: at)...]
        }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw Problem(message: "the IPv6 address in the URL has no closing ]")
            }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw Problem(message: "unexpected text after the IPv6 address") }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { throw Problem(message: "the URL \"\(Self.redacting(text))\" has no host") }
        var port = scheme == "https" ? 443 : 80
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy(\.isASCII), let number = Int(portText), (1...65535).contains(number) else {
                throw Problem(message: "the port must be a number from 1 to 65535, got \"\(portText)\"")
            }
            port = number
        }
        while path.hasSuffix("/") { path.removeLast() }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
        self.path = path
        self.credentials = credentials
    }

    public var isSecure: Bool { scheme == "https" }
    /// OpenAI's own API.
    public var isOpenAI: Bool { host == "api.openai.com" }
    /// An Azure OpenAI resource.
    public var isAzure: Bool { host.hasSuffix(".openai.azure.com") }
    /// This machine: localhost, 127.0.0.0/8, ::1.
    public var isLoopback: Bool {
        host == "localhost" || host.hasSuffix(".localhost") || host.hasPrefix("127.") || host == "::1"
            || host == "0:0:0:0:0:0:0:1"
    }
    public var hasDefaultPort: Bool { port == (isSecure ? 443 : 80) }

    /// `host` or `host:port` when the port is not the scheme's default (`[::1]:8080` for IPv6).
    public var authority: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return hasDefaultPort ? name : "\(name):\(port)"
    }

    /// The URL as shown and saved: normalized, and never with credentials.
    public var description: String { "\(scheme)://\(authority)\(path)" }

    /// The URL a request is sent to: the base, then `/` and the path, then the query.
    public func url(_ relative: String, query: String? = nil) -> String {
        let userinfo = credentials.map { $0 + "@" } ?? ""
        let url = "\(scheme)://\(userinfo)\(authority)\(path)/\(relative)"
        guard let query, !query.isEmpty else { return url }
        return url + "?" + query
    }

    /// The same server with another path (doctor's probes for a missing or doubled `/v1`).
    public func withPath(_ newPath: String) -> BaseURL {
        BaseURL(scheme: scheme, host: host, port: port, path: newPath, credentials: credentials)
    }

    private init(scheme: String, host: String, port: Int, path: String, credentials: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        var path = path
        while path.hasSuffix("/") { path.removeLast() }
        self.path = path
        self.credentials = credentials
    }

    /// A URL-like text with any `user:password@` replaced by `…@`, for messages.
    public static func redacting(_ text: String) -> String {
        let start = text.firstRange(of: "://")?.upperBound ?? text.startIndex
        let authority = text[start...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let at = authority.lastIndex(of: "@") else { return text }
        return String(text[..<start]) + "…" + String(text[at...])
    }
}
