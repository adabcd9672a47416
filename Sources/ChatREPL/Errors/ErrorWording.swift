import ChatClient
import Render

/// The one place that turns errors into words: a message line and at most one line of advice.
public enum ErrorWording {
    public struct Words: Sendable, Equatable {
        public var message: String
        public var advice: String?

        public init(message: String, advice: String? = nil) {
            self.message = message
            self.advice = advice
        }
    }

    /// Context that makes advice precise.
    public struct Context: Sendable {
        public var baseURL: String
        public var model: String
        public var keySent: Bool
        /// Where the key comes from, or why none is sent (never the key itself).
        public var keyNote: String

        public init(baseURL: String, model: String, keySent: Bool, keyNote: String) {
            self.baseURL = baseURL
            self.model = model
            self.keySent = keySent
            self.keyNote = keyNote
        }
    }

    public static func words(for error: ParleyError, context: Context?) -> Words {
        switch error {
        case .config(let path, let problem): return Words(message: "config \(path): \(problem)")
        case .setup(let message), .usage(let message), .data(let message): return Words(message: message)
        case .session(let path, let problem): return Words(message: "session \(path): \(problem)")
        case .locked(let path):
            return Words(
                message: "session \(path) is in use by another Parley",
                advice: "finish that one first, or use another session file")
        case .unknownSession(let message):
            return Words(
                message: message,
                advice: "parley sessions lists them; a number is one from the last parley search or parley sessions")
        case .index(let message):
            return Words(
                message: message, advice: "the session files are untouched; parley index --rebuild makes it again")
        case .interrupted: return Words(message: "interrupted")
        case .attachment(let message, let advice): return Words(message: message, advice: advice)
        case .client(let error): return words(for: error, context: context)
        }
    }

    public static func words(for error: ChatClientError, context: Context?) -> Words {
        switch error {
        case .http(let status, let detail, let requestID):
            let tag = [String(status), detail.code].compactMap { $0 }.joined(separator: ", ")
            var message = "\(SafeText.neutralized(detail.message)) (\(tag))"
            if let requestID { message += " [request id \(requestID)]" }
            return Words(message: message, advice: advice(status: status, detail: detail, context: context))
        case .connection(let failure, let host):
            switch failure {
            case .refused:
                return Words(
                    message: "cannot connect to \(host): connection refused",
                    advice: "is the server running? base URL: \(context?.baseURL ?? host)")
            case .hostNotFound:
                return Words(
                    message: "cannot find the host \(host)", advice: "check the base URL and the network connection")
            case .unreachable:
                return Words(
                    message: "cannot reach \(host): network unreachable", advice: "check the network connection")
            case .tls(let detail):
                return Words(
                    message: "secure connection to \(host) failed: \(SafeText.neutralized(detail))",
                    advice: "check the base URL's scheme (http or https) and the system's certificates")
            case .reset:
                return Words(message: "the connection to \(host) was closed unexpectedly", advice: "try again")
            case .proxy(let detail):
                return Words(
                    message: "the proxy would not connect to \(host): \(SafeText.neutralized(detail))",
                    advice:
                        "check the proxy URL and its user:password (HTTPS_PROXY, HTTP_PROXY or \"proxy\" in the config)"
                )
            case .other(let detail):
                // A detail can quote the server (a malformed header's value): neutralized like its words.
                return Words(message: "network error talking to \(host): \(SafeText.neutralized(detail))")
            }
        case .timeout(let kind, let seconds):
            let key =
                ["connect": "connect", "first byte": "first_byte", "idle": "idle"][kind.rawValue] ?? kind.rawValue
            let what =
                switch kind {
                case .connect: "could not connect within \(Format.number(seconds)) s"
                case .firstByte: "no reply within \(Format.number(seconds)) s"
                case .idle: "the reply stalled: nothing arrived for \(Format.number(seconds)) s"
                }
            return Words(
                message: "\(what) (\(kind.rawValue) timeout)",
                advice: "raise \"timeouts\": {\"\(key)\": …} in the config if the server is just slow")
        case .streamError(let detail):
            let tag = [detail.type, detail.code].compactMap { $0 }.joined(separator: ", ")
            return Words(
                message: "the server failed in the middle of the reply: \(SafeText.neutralized(detail.message))"
                    + (tag.isEmpty ? "" : " (\(tag))"),
                advice: detail.isContextLengthExceeded
                    ? "the conversation is too long for the model: /clear, /undo or shorten it" : nil)
        case .truncated:
            return Words(
                message: "the reply was cut off: the stream ended before the server said it was finished",
                advice: "the part received is kept; /retry asks again")
        case .replyTooLarge(let limit):
            return Words(
                message: "the reply passed \(limit >> 20) MB and was stopped there; the part received is kept",
                advice: "a server that does not stop? if the reply is real, raise \"max_reply_mb\" in the config")
        case .invalidResponse(let problem):
            return Words(message: problem, advice: "check that the base URL points at an OpenAI-compatible API")
        case .invalidRequest(let problem):
            return Words(message: problem)
        }
    }

    private static func advice(status: Int, detail: ServerErrorDetail, context: Context?) -> String? {
        if detail.isContextLengthExceeded { return "the conversation is too long for the model: /clear or shorten it" }
        if let hint = AttachmentHints.advice(status: status, detail: detail) { return hint }
        if detail.isQuotaExhausted || status == 402 {
            return "the account is out of credit or quota: check the plan and billing"
        }
        switch status {
        case 300..<400:
            return "Parley does not follow redirects: put the address it names in the base URL (--base-url or base_url)"
        case 401:
            guard let context else { return "check the API key" }
            return context.keySent
                ? "check the API key (\(context.keyNote))" : "no API key was sent (\(context.keyNote))"
        case 403: return "the key is not allowed to do this (model access, project or region)"
        case 404:
            let lower = detail.message.lowercased()
            if detail.code == "model_not_found" || lower.contains("model") {
                return "check the model name (--model or /model; /models lists them)"
            }
            let base = context?.baseURL ?? "the base URL"
            return base.hasSuffix("/v1")
                ? "check the base URL (\(base))" : "is /v1 missing from the base URL? (\(base))"
        case 408, 409, 500...599: return "the server failed; try again in a moment"
        case 429:
            return "rate limited: wait a moment and try again (a wait the server asks for beyond "
                + "\"max_server_wait\", 120 s unless the config says otherwise, is not waited out)"
        case 400 where detail.param == "stream_options": return "try --no-stream"
        case 400 where detail.param == "response_format" || detail.message.contains("response_format"):
            if detail.message.lowercased().contains("invalid schema") {
                return "check the schema: OpenAI's strict mode wants every object to list all its properties in "
                    + "\"required\" and to set \"additionalProperties\": false (a field list like \"name, age int\" does)"
            }
            return "the server does not take this kind of structured output: with --json, try --schema "
                + "(some servers take only json_schema)"
        default: return nil
        }
    }

    /// A server without `GET /models` (llama.cpp's older builds, some proxies).
    public static func noModelList(url: String) -> Words {
        Words(
            message: "this server has no model list (GET \(BaseURL.redacting(url)) answered 404)",
            advice: "if chat works anyway, give the model with --model; if not, run parley doctor")
    }

    public static func exitStatus(for error: ChatClientError) -> ExitStatus {
        switch error {
        case .http(let status, let detail, _):
            if detail.isQuotaExhausted || status == 401 || status == 402 || status == 403 { return .permission }
            if status == 429 { return .rateLimited }
            if status == 408 || status >= 500 { return .unavailable }
            return .failure
        case .connection, .timeout, .streamError, .truncated: return .unavailable
        case .invalidResponse, .replyTooLarge: return .failure
        case .invalidRequest: return .config
        }
    }
}
