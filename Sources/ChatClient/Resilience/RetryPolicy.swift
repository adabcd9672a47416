#if canImport(Glibc)
    import Glibc
#endif

/// When to try a request again, and how long to wait first: the official SDKs' policy
/// (exponential backoff from 0.5 s to 8 s with up to 25 % jitter; the server's
/// `retry-after-ms` / `retry-after` honoured when it asks for at most `maxRetryAfter`, 120 s
/// unless the config's `max_server_wait` says otherwise).
public struct RetryPolicy: Sendable, Equatable {
    public var maxRetries: Int
    public var initialDelay: Double = 0.5
    public var maxDelay: Double = 8
    /// A server asking for a longer wait than this is not retried.
    public var maxRetryAfter: Double = 120

    public init(maxRetries: Int = 2) {
        self.maxRetries = maxRetries
    }

    /// Whether an error that happened before any reply was shown is worth another try.
    public func isRetryable(_ error: ChatClientError, head: HTTPResponseHead?) -> Bool {
        if let override = head?.header("x-should-retry") {
            if override == "true" { return true }
            if override == "false" { return false }
        }
        switch error {
        case .connection(let failure, _):
            switch failure {
            case .tls, .proxy: return false
            case .refused, .hostNotFound, .unreachable, .reset, .other: return true
            }
        case .timeout(let kind, _):
            return kind != .idle
        case .http(let status, let detail, _):
            if status == 429 { return !detail.isQuotaExhausted }
            // llama.cpp answers an image to a model without a projector with a 500: asking again changes nothing.
            if detail.message.contains("mmproj") { return false }
            return status == 408 || status == 409 || status >= 500
        case .streamError, .truncated, .replyTooLarge, .invalidResponse, .invalidRequest:
            return false
        }
    }

    /// Seconds to wait before retry number `retry` (0 for the first); `nil` when the server
    /// asks for a wait longer than `maxRetryAfter`.
    public func delay(beforeRetry retry: Int, head: HTTPResponseHead?, now: Double, random: Double) -> Double? {
        if let head, let asked = Self.retryAfter(head, now: now) {
            if asked > maxRetryAfter { return nil }
            if asked > 0 { return asked }
        }
        let base = min(initialDelay * pow(2, Double(retry)), maxDelay)
        return base * (1 - 0.25 * random)
    }

    /// The wait a response asks for, in seconds: `retry-after-ms`, then `retry-after` as
    /// seconds or as an HTTP date.
    public static func retryAfter(_ head: HTTPResponseHead, now: Double) -> Double? {
        if let value = head.header("retry-after-ms"), let milliseconds = Double(value.strippedOfWhitespace) {
            return milliseconds.isFinite && milliseconds >= 0 ? milliseconds / 1000 : nil
        }
        guard let value = head.header("retry-after")?.strippedOfWhitespace else { return nil }
        if let seconds = Double(value) { return seconds.isFinite && seconds >= 0 ? seconds : nil }
        if let date = HTTPDate.parse(value) { return max(0, date - now) }
        return nil
    }
}
