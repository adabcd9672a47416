import ChatClient

/// What Parley knows about one reply beyond its text.
public struct TurnInfo: Codable, Sendable, Equatable {
    public var time: String
    public var model: String?
    public var usage: Usage?
    /// The reply stopped early (Ctrl-C, a lost connection, an error mid-stream).
    public var interrupted: Bool
    public var finishReason: String?

    public init(
        time: String, model: String? = nil, usage: Usage? = nil, interrupted: Bool = false, finishReason: String? = nil
    ) {
        self.time = time
        self.model = model
        self.usage = usage
        self.interrupted = interrupted
        self.finishReason = finishReason
    }

    private enum CodingKeys: String, CodingKey {
        case time, model, usage, interrupted
        case finishReason = "finish_reason"
    }
}
