import ChatClient

/// llm's concise schema syntax: `name, age int, tags array: free-form labels`. Fields are
/// separated by commas, or by newlines when there is one; each is a name, an optional type
/// (default `str`) and an optional `: description`. The result is an object schema with every
/// field required and no others allowed.
public enum SchemaDSL {
    /// The type words and the JSON Schema each stands for.
    static let types: [(words: [String], schema: JSONValue)] = [
        (["str", "string", "text"], .object(["type": .string("string")])),
        (["int", "integer"], .object(["type": .string("integer")])),
        (["float", "number", "num"], .object(["type": .string("number")])),
        (["bool", "boolean"], .object(["type": .string("boolean")])),
        (["array", "list", "array[str]", "list[str]"], array("string")),
        (["array[int]", "list[int]"], array("integer")),
        (["array[float]", "list[float]"], array("number")),
        (["array[bool]", "list[bool]"], array("boolean")),
        (["object", "dict"], .object(["type": .string("object")])),
    ]

    /// The type words, for messages.
    static var typeWords: String { types.map { $0.words[0] }.joined(separator: ", ") }

    private static func array(_ item: String) -> JSONValue {
        .object(["type": .string("array"), "items": .object(["type": .string(item)])])
    }

    /// The schema the text describes, or what is wrong with it.
    public static func parse(_ text: String) throws(ParameterProblem) -> JSONValue {
        guard !text.allSatisfy({ $0.isWhitespace || $0.isNewline }) else {
            throw ParameterProblem("the schema names no fields (e.g. \"name, age int\")")
        }
        let separator: Character = text.contains("\n") ? "\n" : ","
        var properties: [String: JSONValue] = [:]
        var order: [String] = []
        for rawField in text.split(separator: separator, omittingEmptySubsequences: false) {
            let field = rawField.strippedOfWhitespace
            if field.isEmpty {
                if separator == "\n" { continue }
                throw ParameterProblem(
                    "the schema \"\(text)\" has an empty field (two commas in a row, or one at an end)")
            }
            var head = field
            var description: String?
            if let colon = field.firstIndex(of: ":") {
                head = String(field[..<colon]).strippedOfWhitespace
                description = String(field[field.index(after: colon)...]).strippedOfWhitespace
            }
            let words = head.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let name = words.first else {
                throw ParameterProblem("the schema field \"\(field)\" has no name (write NAME [TYPE][: description])")
            }
            guard words.count <= 2 else {
                throw ParameterProblem(
                    "the schema field \"\(field)\" has more than a name and a type (write NAME [TYPE][: description])")
            }
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw ParameterProblem("the schema field name \"\(name)\" may hold only letters, digits, _ and -")
            }
            let typeWord = words.count == 2 ? words[1].lowercased() : "str"
            guard var schema = types.first(where: { $0.words.contains(typeWord) })?.schema else {
                throw ParameterProblem(
                    "the schema field \"\(name)\" has the unknown type \"\(words[1])\" (types: \(typeWords))")
            }
            guard properties[name] == nil else {
                throw ParameterProblem("the schema names the field \"\(name)\" twice")
            }
            if let description, !description.isEmpty, case .object(var members) = schema {
                members["description"] = .string(description)
                schema = .object(members)
            }
            properties[name] = schema
            order.append(name)
        }
        guard !order.isEmpty else { throw ParameterProblem("the schema names no fields (e.g. \"name, age int\")") }
        return .object([
            "type": .string("object"),
            "properties": .object(properties),
            "required": .array(order.map { .string($0) }),
            "additionalProperties": .bool(false),
        ])
    }
}
