/// What can go wrong with the search index.
public enum SessionIndexError: Error, Sendable, Equatable {
    /// The index file cannot be opened or made (a directory that cannot be created, no permission).
    case cannotOpen(path: String, reason: String)
    /// The search itself is wrong: the message says what and what is accepted.
    case badQuery(String)
    /// Reading or writing the index failed.
    case failed(String)

    /// One line for people.
    public var message: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the search index \(path): \(reason)"
        case .badQuery(let message): message
        case .failed(let message): message
        }
    }
}
