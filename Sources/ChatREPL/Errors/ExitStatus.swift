import ChatClient

/// The exit statuses of SPEC section 6.
public enum ExitStatus: Int32, Sendable {
    case ok = 0
    case failure = 1
    case usage = 64
    case dataError = 65
    /// A refused attachment (EX_NOINPUT), before anything is sent.
    case noInput = 66
    case unavailable = 69
    case rateLimited = 75
    case permission = 77
    case config = 78
    case interrupted = 130
    case hangUp = 129
    case terminated = 143
}
