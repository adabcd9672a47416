/// Which of the client's timeouts expired.
public enum TimeoutKind: String, Sendable, Equatable {
    case connect
    case firstByte = "first byte"
    case idle
}
