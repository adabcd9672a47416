/// Why a connection could not be made or was lost.
public enum ConnectionFailure: Sendable, Equatable {
    case refused
    case hostNotFound
    case unreachable
    case tls(String)
    case reset
    /// The HTTP proxy refused to open the tunnel (403, 407): trying again cannot help.
    case proxy(String)
    case other(String)
}
