/// Client-side limits and the server's rate-limit headers, applied before a request is sent:
/// waits out a requests-per-minute or tokens-per-minute limit from the config, and a limit the
/// server said is used up (`x-ratelimit-remaining-*` at 0 until `x-ratelimit-reset-*`).
public final class RateLimiter: Sendable {
    public struct Limits: Sendable, Equatable {
        public var requestsPerMinute: Int?
        public var tokensPerMinute: Int?

        public init(requestsPerMinute: Int? = nil, tokensPerMinute: Int? = nil) {
            self.requestsPerMinute = requestsPerMinute
            self.tokensPerMinute = tokensPerMinute
        }
    }

    private struct State {
        /// Requests sent in the last minute: when, and how many tokens they may use.
        var sent: [(time: Double, tokens: Int)] = []
        var requestsBlockedUntil: Double = 0
        var tokensLeft: Int?
        var tokensResetAt: Double = 0
    }

    private let limits: Limits
    private let state = Locked(State())
    private let window = 60.0
    /// The longest wait a server's reset header may impose; a longer one is cut to this.
    public let maxServerWait: Double

    public init(limits: Limits, maxServerWait: Double = 120) {
        self.limits = limits
        self.maxServerWait = maxServerWait
    }

    /// Seconds to wait before sending a request of about `tokens` tokens, and why; 0 when it
    /// may go now.
    public func delay(tokens: Int, now: Double) -> (seconds: Double, reason: String) {
        state.withLock { state in
            state.sent.removeAll { $0.time <= now - window }
            var wait = 0.0
            var reason = ""
            if let rpm = limits.requestsPerMinute, state.sent.count >= rpm, let oldest = state.sent.first {
                let needed = oldest.time + window - now
                if needed > wait { (wait, reason) = (needed, "client limit of \(rpm) requests a minute") }
            }
            if let tpm = limits.tokensPerMinute, tokens <= tpm {
                var used = state.sent.reduce(0) { $0 + $1.tokens }
                for entry in state.sent where used + tokens > tpm {
                    used -= entry.tokens
                    let needed = entry.time + window - now
                    if needed > wait { (wait, reason) = (needed, "client limit of \(tpm) tokens a minute") }
                }
            }
            if state.requestsBlockedUntil > now, state.requestsBlockedUntil - now > wait {
                (wait, reason) = (state.requestsBlockedUntil - now, "the server's request limit is used up")
            }
            if let left = state.tokensLeft, left < tokens, state.tokensResetAt > now, state.tokensResetAt - now > wait {
                (wait, reason) = (state.tokensResetAt - now, "the server's token limit is used up")
            }
            return (max(0, wait), reason)
        }
    }

    /// A request of about `tokens` tokens is being sent.
    public func record(tokens: Int, now: Double) {
        state.withLock { $0.sent.append((now, tokens)) }
    }

    /// Reads the server's `x-ratelimit-*` headers from a response.
    public func observe(_ head: HTTPResponseHead, now: Double) {
        state.withLock { state in
            if head.header("x-ratelimit-remaining-requests").flatMap({ Int($0.strippedOfWhitespace) }) == 0,
                let reset = head.header("x-ratelimit-reset-requests").flatMap(GoDuration.seconds)
                    .flatMap({ Bounded.seconds($0, cap: maxServerWait) })
            {
                state.requestsBlockedUntil = now + reset
            }
            if let left = head.header("x-ratelimit-remaining-tokens").flatMap({ Int($0.strippedOfWhitespace) }),
                let reset = head.header("x-ratelimit-reset-tokens").flatMap(GoDuration.seconds)
                    .flatMap({ Bounded.seconds($0, cap: maxServerWait) })
            {
                state.tokensLeft = left
                state.tokensResetAt = now + reset
            }
        }
    }
}
