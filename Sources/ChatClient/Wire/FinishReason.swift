/// What a reply ended with, as far as the client could tell.
public enum FinishReason: Sendable, Equatable {
    case stop
    case length
    case contentFilter
    case toolCalls
    case other(String)

    public init(_ raw: String) {
        switch raw {
        case "stop": self = .stop
        case "length": self = .length
        case "content_filter": self = .contentFilter
        case "tool_calls", "function_call": self = .toolCalls
        default: self = .other(raw)
        }
    }

    public var rawValue: String {
        switch self {
        case .stop: "stop"
        case .length: "length"
        case .contentFilter: "content_filter"
        case .toolCalls: "tool_calls"
        case .other(let raw): raw
        }
    }
}
