import ChatClient

/// Proxy settings from the config's `proxy` or the environment (HTTPS_PROXY, HTTP_PROXY and
/// NO_PROXY, upper or lower case), as curl reads them.
public enum ProxyURL {
    /// `http://[user:password@]host[:port]`; the port defaults to 1080, as curl's does.
    public static func parse(_ text: String) -> ProxySettings? {
        var rest = Substring(text.strippedOfWhitespace)
        let schemeParts = rest.split(separator: "://", maxSplits: 1, omittingEmptySubsequences: false)
        if schemeParts.count == 2 {
            guard ["http", "https"].contains(schemeParts[0].lowercased()) else { return nil }
            rest = schemeParts[1]
        }
        while rest.hasSuffix("/") { rest.removeLast() }
        var credentials: String?
        if let at = rest.lastIndex(of: "@") {
            Secrets.registerCredentials(String(rest[..<at]))
            credentials = String(rest[..<at]).percentDecoded ?? String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        let parts = rest.split(separator: ":", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty, !host.contains("/") else { return nil }
        var port = 1080
        if parts.count == 2 {
            guard let number = Int(parts[1]), (1...65535).contains(number) else { return nil }
            port = number
        }
        if let credentials { Secrets.registerCredentials(credentials) }
        return ProxySettings(host: String(host), port: port, credentials: credentials)
    }

    /// The proxy for requests to `baseURL`: the config's wins ("none" for none); then the
    /// environment, unless NO_PROXY names the host. Loopback hosts never use a proxy.
    public static func resolve(
        baseURL: BaseURL, configured: String?, environment: [String: String]
    ) throws(ParleyError) -> ProxySettings? {
        let host = baseURL.host
        if baseURL.isLoopback { return nil }
        func env(_ name: String) -> String? {
            (environment[name] ?? environment[name.lowercased()]).flatMap { $0.isEmpty ? nil : $0 }
        }
        if let configured {
            if configured == "none" || configured.isEmpty { return nil }
            guard let proxy = parse(configured) else {
                throw .setup("proxy: \"\(BaseURL.redacting(configured))\" is not a proxy URL")
            }
            return proxy
        }
        let secure = baseURL.isSecure
        guard let text = secure ? env("HTTPS_PROXY") ?? env("ALL_PROXY") : env("HTTP_PROXY") ?? env("ALL_PROXY")
        else { return nil }
        if let noProxy = env("NO_PROXY"), bypasses(host: host, noProxy: noProxy) { return nil }
        guard let proxy = parse(text) else {
            throw .setup("\(secure ? "HTTPS_PROXY" : "HTTP_PROXY") is not a proxy URL: \"\(BaseURL.redacting(text))\"")
        }
        return proxy
    }

    /// NO_PROXY: `*`, or hosts and domains separated by commas (`example.com` and
    /// `.example.com` both cover `api.example.com`).
    public static func bypasses(host: String, noProxy: String) -> Bool {
        let host = host.lowercased()
        for entry in noProxy.split(separator: ",") {
            var name = entry.strippedOfWhitespace.lowercased()
            if name == "*" { return true }
            if let colon = name.lastIndex(of: ":"), !name.contains("]"), name.filter({ $0 == ":" }).count == 1 {
                name = String(name[..<colon])
            }
            while name.hasPrefix(".") { name.removeFirst() }
            if name.isEmpty { continue }
            if host == name || host.hasSuffix("." + name) { return true }
        }
        return false
    }
}
