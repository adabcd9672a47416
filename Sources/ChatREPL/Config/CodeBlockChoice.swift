/// Which fenced code block of a reply `-x` / `--extract-last` prints.
public enum CodeBlockChoice: Sendable, Equatable {
    case first
    case last
}
