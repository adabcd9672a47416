/// One function call the model asked for: its id, the function's name, and the arguments as
/// the JSON text the model wrote (which is not always valid JSON).
public struct ToolCall: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var arguments: String

    public init(id: String, name: String, arguments: String) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// The wire shape, as an assistant message's `tool_calls` item.
    public var json: JSONValue {
        .object([
            "id": .string(id), "type": .string("function"),
            "function": .object(["name": .string(name), "arguments": .string(arguments)]),
        ])
    }

    /// Reads a `tool_calls` item of a message (a session file, another tool's conversation);
    /// nil when it is not a function call.
    public init?(json: JSONValue) {
        guard let function = json["function"], let name = function["name"]?.stringValue else { return nil }
        id = json["id"]?.stringValue ?? ""
        self.name = name
        // Some servers send the arguments as an object rather than a string of JSON.
        switch function["arguments"] {
        case .string(let text)?: arguments = text
        case nil, .null?: arguments = ""
        case let other?: arguments = other.compactText
        }
    }
}

/// A piece of a tool call in a streamed delta (or a whole call in a non-streamed message).
struct ToolCallDelta: Decodable, Equatable {
    var index: Int?
    var id: String?
    var name: String?
    var arguments: String?

    private enum CodingKeys: String, CodingKey { case index, id, function }
    private enum FunctionKeys: String, CodingKey { case name, arguments }

    init(index: Int?, id: String?, name: String?, arguments: String?) {
        self.index = index
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        index = try? container.decodeIfPresent(Int.self, forKey: .index)
        id = try? container.decodeIfPresent(String.self, forKey: .id)
        if let function = try? container.nestedContainer(keyedBy: FunctionKeys.self, forKey: .function) {
            name = try? function.decodeIfPresent(String.self, forKey: .name)
            if let text = try? function.decodeIfPresent(String.self, forKey: .arguments) {
                arguments = text
            } else if let value = try? function.decodeIfPresent(JSONValue.self, forKey: .arguments), value != .null {
                arguments = value.compactText
            }
        }
    }
}

/// Builds whole tool calls out of streamed pieces, by `index`: arguments are appended, the
/// first non-empty id and name are kept (a server repeating the id does not double it).
struct ToolCallAssembler: Sendable, Equatable {
    private var calls: [Int: ToolCall] = [:]
    private var order: [Int] = []

    var isEmpty: Bool { order.isEmpty }

    mutating func add(_ pieces: [ToolCallDelta]) {
        for (position, piece) in pieces.enumerated() {
            let index = piece.index ?? position
            var call = calls[index] ?? ToolCall(id: "", name: "", arguments: "")
            if calls[index] == nil { order.append(index) }
            if call.id.isEmpty, let id = piece.id { call.id = id }
            if call.name.isEmpty, let name = piece.name { call.name = name }
            if let arguments = piece.arguments { call.arguments += arguments }
            calls[index] = call
        }
    }

    /// The calls in index order; a call the server gave no id gets one, so its result can
    /// name it.
    var result: [ToolCall] {
        order.sorted().enumerated().compactMap { number, index in
            guard var call = calls[index] else { return nil }
            if call.id.isEmpty { call.id = "call_parley_\(number + 1)" }
            return call
        }
    }
}
