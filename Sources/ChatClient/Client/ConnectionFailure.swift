/// Why a connection could not be made or was lost.
public enum ConnectionFailure: Sendable, Equatable {
    case refused
    case hostNotFound
    case unreachable
    case tls(String)
    case reset
    case other(String)
}
