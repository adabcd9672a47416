import ChatClient

/// Everything outside the wire that can go wrong: config, usage, input data, session files.
public enum ParleyError: Error, Sendable, Equatable {
    /// A config file is unreadable or wrong: the file and what is wrong with it.
    case config(path: String, String)
    /// A setting is missing or contradictory (no key, an env variable that is not set, …).
    case setup(String)
    /// A command-line value is wrong.
    case usage(String)
    /// Input that cannot be used (stdin not UTF-8, a bad session file).
    case data(String)
    /// A session file that cannot be loaded: its path and why.
    case session(path: String, String)
    /// The session file is in use by another Parley.
    case locked(path: String)
    /// A SESSION argument names no session: what was asked for and why it is not one.
    case unknownSession(String)
    /// The search index cannot be opened, read or written (the session files are not touched).
    case index(String)
    case client(ChatClientError)
    case interrupted
    /// An attachment that cannot go (missing, unreadable, too big, not a kind Parley sends):
    /// the whole message, and what to do instead.
    case attachment(String, advice: String?)

    public var exitStatus: ExitStatus {
        switch self {
        case .config, .setup: .config
        case .usage: .usage
        case .data, .session, .locked, .unknownSession: .dataError
        case .index: .failure
        case .interrupted: .interrupted
        case .attachment: .noInput
        case .client(let error): ErrorWording.exitStatus(for: error)
        }
    }
}
