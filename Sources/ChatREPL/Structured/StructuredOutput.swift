import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--json` / `--schema`: the reply must be a JSON object (matching a schema). It is asked for
/// with `response_format`, printed raw and checked.
public struct StructuredOutput: Sendable, Equatable {
    /// The schema the reply must match; nil for `--json` (any JSON object).
    public var schema: JSONValue?
    /// The schema's name on the wire (a-z, A-Z, 0-9, _ and -, at most 64).
    public var name: String
    /// OpenAI's strict mode: the server holds the reply to the schema.
    public var strict: Bool

    /// The system instruction added when no message mentions JSON (OpenAI refuses
    /// `json_object` otherwise).
    public static let instruction = "Reply with one JSON object only, with no text before or after it."

    public init(schema: JSONValue?, name: String = "reply", strict: Bool = false) {
        self.schema = schema
        self.name = name
        self.strict = strict
    }

    /// The `response_format` to send.
    public var responseFormat: JSONValue {
        guard let schema else { return .object(["type": .string("json_object")]) }
        var body: [String: JSONValue] = ["name": .string(name), "schema": schema]
        if strict { body["strict"] = .bool(true) }
        return .object(["type": .string("json_schema"), "json_schema": .object(body)])
    }

    /// Asks for this output in a request: `response_format`, and with `--json` an instruction
    /// when no message says "JSON".
    public func apply(to request: inout ChatRequest) {
        request.parameters["response_format"] = responseFormat
        if schema == nil, !request.messages.contains(where: { $0.content.lowercased().contains("json") }) {
            let at = request.messages.firstIndex { $0.role != .system } ?? request.messages.endIndex
            request.messages.insert(ChatMessage(role: .system, content: Self.instruction), at: at)
        }
    }

    /// What is wrong with a reply: not whole (cut at the length limit), not JSON, not an object,
    /// or not matching the schema. Empty when it is right.
    public func problems(reply: String, finishReason: String?) -> [String] {
        if finishReason == "length" {
            return [
                "the reply was cut off at the max_tokens limit, so it is not a whole JSON document "
                    + "(raise --max-tokens, or unset it)"
            ]
        }
        guard let value = JSONValue.parse(Self.unfenced(reply)) else {
            return ["the reply is not valid JSON"]
        }
        guard let schema else {
            return value.isObject ? [] : ["the reply is \(value.kindName), not a JSON object"]
        }
        return SchemaValidator.problems(value, schema: schema)
    }

    /// The reply without a Markdown fence some models put around JSON anyway.
    static func unfenced(_ reply: String) -> String {
        let trimmed = reply.strippedOfWhitespace
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), let firstLine = trimmed.firstIndex(of: "\n") else {
            return trimmed
        }
        return String(trimmed[firstLine..<trimmed.index(trimmed.endIndex, offsetBy: -3)]).strippedOfWhitespace
    }

    // MARK: - From the command line

    /// The structured output `--json` and `--schema FILE|JSON|DSL` ask for, or nil for neither.
    public static func resolve(json: Bool, schema: String?, strict: Bool) throws(ParleyError) -> StructuredOutput? {
        guard let schema else { return json ? StructuredOutput(schema: nil) : nil }
        let trimmed = schema.strippedOfWhitespace
        var name = "reply"
        var text = schema
        var origin = "--schema"
        let looksLikePath =
            trimmed.hasSuffix(".json") || trimmed.hasPrefix("/") || trimmed.hasPrefix("./")
            || trimmed.hasPrefix("~/")
        if looksLikePath, !trimmed.contains(","), !FileSystem.exists(trimmed) {
            throw .usage(
                "--schema \(trimmed): no such file (--schema takes a file, JSON, or fields like \"name, age int\")")
        }
        if !trimmed.hasPrefix("{"), !trimmed.contains(","), FileSystem.exists(trimmed) {
            let bytes = try FileSystem.read(trimmed)
            guard let content = String(bytes: bytes, encoding: .utf8) else {
                throw .usage("--schema \(trimmed): the file is not UTF-8 text")
            }
            text = content
            origin = "--schema \(trimmed)"
            name = wireName(from: URL(fileURLWithPath: trimmed).deletingPathExtension().lastPathComponent)
        }
        let body = text.strippedOfWhitespace
        if body.hasPrefix("{") {
            guard let document = JSONValue.parse(body) else {
                throw .usage(
                    "\(origin): not valid JSON (a JSON Schema object, a file holding one, or fields like \"name, age int\")"
                )
            }
            return try fromDocument(document, name: name, strict: strict, origin: origin)
        }
        do throws(ParameterProblem) {
            return StructuredOutput(schema: try SchemaDSL.parse(text), name: name, strict: strict)
        } catch {
            throw .usage("\(origin): \(error.message)")
        }
    }

    /// A schema document, or llm's wrapper `{"name": …, "schema": {…}}`.
    private static func fromDocument(
        _ document: JSONValue, name: String, strict: Bool, origin: String
    ) throws(ParleyError) -> StructuredOutput {
        if case .object(let inner) = document["schema"] ?? .null, document["type"] == nil {
            let wrapped = document["name"]?.stringValue.map(wireName) ?? name
            return StructuredOutput(schema: .object(inner), name: wrapped, strict: strict)
        }
        guard let type = document["type"] else {
            throw .usage("\(origin): a JSON Schema needs a \"type\" (e.g. {\"type\": \"object\", \"properties\": {…}})")
        }
        if type != .string("object") {
            throw .usage("\(origin): the schema's type must be \"object\" (servers ask for an object at the top)")
        }
        return StructuredOutput(schema: document, name: name, strict: strict)
    }

    /// A name the API takes: a-z, A-Z, 0-9, _ and -, at most 64 characters.
    static func wireName(from text: String) -> String {
        let cleaned = String(
            text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") ? $0 : "_" }.prefix(64))
        return cleaned.isEmpty ? "reply" : cleaned
    }
}

extension JSONValue {
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }
}
