/// What came of one tool call: the text the model gets, and what the user is told.
public struct ToolResult: Sendable, Equatable {
    /// How the call ended.
    public enum Status: Sendable, Equatable {
        case ok
        /// It ran and failed (a non-zero exit, a signal, bad arguments, no such file).
        case failed
        case denied
        case timedOut
        case cancelled
    }

    public var status: Status
    /// The tool message's content.
    public var content: String
    /// One line for the user: time, size, exit status.
    public var summary: String
    public var seconds: Double

    public init(status: Status, content: String, summary: String, seconds: Double = 0) {
        self.status = status
        self.content = content
        self.summary = summary
        self.seconds = seconds
    }

    public static let deniedByUser = ToolResult(
        status: .denied, content: "denied by the user: the tool was not run", summary: "denied")

    public static let cancelledByUser = ToolResult(
        status: .cancelled, content: "cancelled by the user: the tool was stopped before it finished",
        summary: "cancelled")

    /// For a call that a crash or a kill left without a result (a resumed session).
    public static let interruptedContent =
        "interrupted: Parley stopped before this tool call finished; its result is unknown"
}
