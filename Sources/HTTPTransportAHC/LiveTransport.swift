import ChatClient
import HTTPTransportSocket

/// The transport Parley talks to servers with: plain http over a socket of its own (no event
/// loop to start: `PlainHTTPTransport`), https through AsyncHTTPClient, made only when an https
/// URL is first used. Behind a proxy, everything goes through AsyncHTTPClient
/// (`AsyncHTTPTransport` and its `AbsoluteFormProxy`).
public enum LiveTransport {
    public static func make(connectTimeout: Double, proxy: ProxySettings? = nil) -> any HTTPTransport {
        if let proxy { return AsyncHTTPTransport(connectTimeout: connectTimeout, proxy: proxy) }
        return PlainHTTPTransport(connectTimeout: connectTimeout) {
            AsyncHTTPTransport(connectTimeout: connectTimeout)
        }
    }
}
