import ChatClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// The live network probe: getaddrinfo and a NIO connection.
public struct NetworkProbe: NetworkProber {
    public init() {}

    /// The addresses a host name resolves to, or why it does not.
    public func resolve(_ host: String) -> Result<[String], ChatClientError> {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            return .failure(.connection(.hostNotFound, host: host))
        }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(
                entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0,
                NI_NUMERICHOST) == 0
            {
                let address = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                if !addresses.contains(address) { addresses.append(address) }
            }
            node = entry.pointee.ai_next
        }
        return .success(addresses)
    }

    /// Opens and closes a TCP connection.
    public func connect(host: String, port: Int, timeout: Double) async -> Result<Void, ChatClientError> {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.nanoseconds(Int64(timeout * 1e9)))
                .connect(host: host, port: port).get()
            try? await channel.close()
            return .success(())
        } catch {
            let mapped = TransportErrors.map(error, host: "\(host):\(port)", connectTimeout: timeout)
            return .failure(mapped as? ChatClientError ?? .connection(.other("\(error)"), host: host))
        }
    }
}
