/// Everything that can go wrong talking to the server. Cases carry what the message needs;
/// `ErrorWording` is the one place that turns them into words.
public enum ChatClientError: Error, Sendable, Equatable {
    /// The server answered with an error status before any reply.
    case http(status: Int, detail: ServerErrorDetail, requestID: String?)
    /// No connection, or the connection failed before the reply began.
    case connection(ConnectionFailure, host: String)
    case timeout(TimeoutKind, seconds: Double)
    /// The server sent an error in the middle of a streamed reply.
    case streamError(ServerErrorDetail)
    /// The stream ended before the reply was finished (no finish reason).
    case truncated
    /// The reply grew past the size limit and was stopped (the part received is kept).
    case replyTooLarge(limitBytes: Int)
    /// A 200 whose body is not a chat completion.
    case invalidResponse(String)
    /// The base URL or another setting cannot make a request.
    case invalidRequest(String)
}
