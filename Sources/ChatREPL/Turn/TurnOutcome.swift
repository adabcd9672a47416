import ChatClient
import Synchronization

/// How one turn ended.
public enum TurnOutcome: Sendable, Equatable {
    case replied
    /// Ctrl-C: what had arrived is kept, marked as interrupted.
    case interrupted
    case failed(ChatClientError)
    /// Not sent: it would pass the session's cost cap.
    case refused
}
