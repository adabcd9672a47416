/// The parts of an `http://` URL a request over a plain socket needs: where to connect, the
/// request target and the Host header. Credentials in the URL are left out of all three (the
/// client sends them as an Authorization header).
struct PlainTarget: Equatable {
    /// The host to resolve: a name, an IPv4 address, or an IPv6 address without brackets.
    var host: String
    var port: Int
    /// The path and query: `/v1/chat/completions?x=y`.
    var requestTarget: String
    /// `host`, or `host:port` when the port was given and is not 80.
    var hostHeader: String

    /// nil for a URL that is not plain http, or has no usable host or port.
    init?(url: String) {
        guard url.utf8.count > 7, url.prefix(7).lowercased() == "http://" else { return nil }
        let rest = url.dropFirst(7)
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring = ""
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty, host.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        var port = 80
        if !portText.isEmpty {
            guard portText.utf8.count <= 5, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let number = Int(portText), (1...65535).contains(number)
            else { return nil }
            port = number
        }
        var target = String(rest[authorityEnd...].prefix { $0 != "#" })
        if !target.hasPrefix("/") { target = "/" + target }
        guard target.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else { return nil }
        self.host = String(host)
        self.port = port
        requestTarget = target
        let name = host.contains(":") ? "[\(host)]" : String(host)
        hostHeader = port == 80 ? name : "\(name):\(port)"
    }
}
