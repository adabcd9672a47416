import AsyncHTTPClient
import ChatClient
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// Maps the errors of AsyncHTTPClient and SwiftNIO to `ChatClientError`, so that nobody sees
/// a library's description of a socket.
enum TransportErrors {
    static func map(_ error: any Error, host: String?, connectTimeout: Double = 0) -> any Error {
        if error is CancellationError || error is ChatClientError { return error }
        let host = host ?? "the server"
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled: return CancellationError()
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return ChatClientError.timeout(.connect, seconds: connectTimeout)
            case .tlsHandshakeTimeout:
                return ChatClientError.connection(.tls("the TLS handshake timed out"), host: host)
            case .remoteConnectionClosed: return ChatClientError.connection(.reset, host: host)
            case .invalidURL, .emptyHost, .emptyScheme:
                return ChatClientError.invalidRequest("the base URL is not a valid URL")
            case .proxyAuthenticationRequired:
                return ChatClientError.connection(
                    .proxy("it asks for authentication (407); give user:password in the proxy URL"), host: host)
            case .invalidProxyResponse:
                return ChatClientError.connection(.proxy("it refused to open a tunnel (CONNECT)"), host: host)
            case .httpProxyHandshakeTimeout:
                return ChatClientError.connection(.other("the proxy did not answer in time"), host: host)
            default: return ChatClientError.connection(.other(error.description), host: host)
            }
        }
        if error is HTTPParserError {
            return ChatClientError.connection(
                .other("the answer is not HTTP (a wrong port, or a server that wants https://?)"), host: host)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return ChatClientError.connection(.refused, host: host)
            case ECONNRESET, EPIPE: return ChatClientError.connection(.reset, host: host)
            case ENETUNREACH, EHOSTUNREACH: return ChatClientError.connection(.unreachable, host: host)
            default: return ChatClientError.connection(.other(String(cString: strerror(error.errnoCode))), host: host)
            }
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return ChatClientError.connection(.hostNotFound, host: host)
            }
            if let first = error.connectionErrors.first { return map(first.error, host: host) }
            return ChatClientError.connection(.hostNotFound, host: host)
        }
        if error is SocketAddressError { return ChatClientError.connection(.hostNotFound, host: host) }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return ChatClientError.timeout(.connect, seconds: connectTimeout)
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") {
            return ChatClientError.connection(.tls(String(describing: error)), host: host)
        }
        if typeName.contains("DNS") || typeName.contains("Resolution") {
            return ChatClientError.connection(.hostNotFound, host: host)
        }
        return ChatClientError.connection(.other(String(describing: error)), host: host)
    }
}
