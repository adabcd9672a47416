#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a server said went wrong, read from any of the error shapes in use: OpenAI's
/// `{"error":{...}}` (with a string or numeric `code`), `{"error":"text"}` (LM Studio),
/// `{"error":[{...}]}`, `{"detail":...}` (FastAPI servers), vLLM's unwrapped
/// `{"object":"error",...}`, or a body that is not JSON at all.
public struct ServerErrorDetail: Sendable, Equatable {
    public var message: String
    public var type: String?
    public var code: String?
    public var param: String?

    public init(message: String, type: String? = nil, code: String? = nil, param: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
        self.param = param
    }

    /// Reads an error body. Never fails: an unreadable body becomes its first printable bytes.
    public static func parse(_ body: some Collection<UInt8>) -> ServerErrorDetail {
        let bytes = Array(body)
        if let json = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)), let detail = from(json: json) {
            return detail
        }
        return ServerErrorDetail(message: excerpt(of: bytes))
    }

    /// Reads an error out of a parsed JSON value; `nil` when it holds none.
    public static func from(json: JSONValue) -> ServerErrorDetail? {
        if let error = json["error"] {
            switch error {
            case .string(let message):
                return ServerErrorDetail(message: message)
            case .object:
                return fromObject(error)
            case .array(let items):
                return items.first.flatMap(fromObject) ?? ServerErrorDetail(message: "unknown error")
            default:
                break
            }
        }
        if let detail = json["detail"] {
            switch detail {
            case .string(let message):
                return ServerErrorDetail(message: message)
            case .array(let items):
                let messages = items.compactMap { $0["msg"]?.stringValue ?? $0["message"]?.stringValue }
                if !messages.isEmpty { return ServerErrorDetail(message: messages.joined(separator: "; ")) }
            default:
                break
            }
        }
        if json["message"]?.stringValue != nil { return fromObject(json) }
        return nil
    }

    private static func fromObject(_ object: JSONValue) -> ServerErrorDetail? {
        guard case .object = object else { return nil }
        let message =
            object["message"]?.stringValue ?? object["msg"]?.stringValue ?? object["code"]?.codeValue
            ?? "unknown error"
        return ServerErrorDetail(
            message: message, type: object["type"]?.stringValue, code: object["code"]?.codeValue,
            param: object["param"]?.stringValue)
    }

    /// The first line of a non-JSON body (an HTML gateway page, plain text), tags removed.
    static func excerpt(of bytes: [UInt8]) -> String {
        var text = String(decoding: bytes.prefix(2048), as: UTF8.self)
        if text.contains("<") {
            var plain = ""
            var inTag = false
            for character in text {
                if character == "<" {
                    inTag = true
                    plain.append(" ")
                } else if character == ">" {
                    inTag = false
                } else if !inTag {
                    plain.append(character)
                }
            }
            text = plain
        }
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let joined = words.joined(separator: " ")
        if joined.isEmpty { return "no error message in the response body" }
        return joined.count > 200 ? String(joined.prefix(200)) + "…" : joined
    }

    /// True for the quota errors that no retry can fix (OpenAI's `insufficient_quota` and its
    /// variants, OpenRouter's 402).
    public var isQuotaExhausted: Bool {
        let markers = ["insufficient_quota", "credit_balance_exhausted", "billing_hard_limit_reached"]
        return markers.contains { $0 == code || $0 == type }
    }

    /// True for a context-window overflow, in OpenAI's, llama.cpp's, vLLM's and LiteLLM's words.
    public var isContextLengthExceeded: Bool {
        if code == "context_length_exceeded" || type == "exceed_context_size_error" { return true }
        let lower = message.lowercased()
        return lower.contains("maximum context length") || lower.contains("context window")
            || lower.contains("contextwindowexceeded")
            || lower.contains("exceeds the available context size") || lower.contains("context length exceeded")
    }
}
