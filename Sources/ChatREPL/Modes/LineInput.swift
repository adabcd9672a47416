import ChatClient

/// The next line typed at the prompt.
public enum LineInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of input.
    case end
}
