import ChatClient

/// Checks a JSON value against the part of JSON Schema that structured output uses: `type`
/// (one or a list), `properties`, `required`, `additionalProperties: false`, `items`, `enum`,
/// `const`, `anyOf`, nested to any depth. What it does not know it does not check.
public enum SchemaValidator {
    /// Every way `value` differs from `schema`, each with its place (`$.tags[1]`); empty when it matches.
    public static func problems(_ value: JSONValue, schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let rules) = schema else { return [] }
        if case .array(let options) = rules["anyOf"] ?? rules["oneOf"] ?? .null {
            if !options.contains(where: { problems(value, schema: $0, at: path).isEmpty }) {
                return ["\(path): matches none of the schema's choices"]
            }
        }
        if let types = typeNames(rules["type"]), !types.contains(where: { matches(value, type: $0) }) {
            return ["\(path): expected \(types.map(article).joined(separator: " or ")), got \(value.kindName)"]
        }
        if case .array(let allowed) = rules["enum"] ?? .null, !allowed.contains(value) {
            return ["\(path): expected one of \(allowed.map(ParameterValue.text).joined(separator: ", "))"]
        }
        if let constant = rules["const"], constant != value {
            return ["\(path): expected \(ParameterValue.text(constant))"]
        }
        var found: [String] = []
        switch value {
        case .object(let members):
            if case .array(let required) = rules["required"] ?? .null {
                for name in required.compactMap(\.stringValue) where members[name] == nil {
                    found.append("\(path): the required key \"\(name)\" is missing")
                }
            }
            let properties: [String: JSONValue]
            if case .object(let declared) = rules["properties"] ?? .null {
                properties = declared
            } else {
                properties = [:]
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let rule = properties[name] {
                    found += problems(member, schema: rule, at: "\(path).\(name)")
                } else if rules["additionalProperties"] == .bool(false) {
                    found.append("\(path): the key \"\(name)\" is not in the schema")
                } else if let rule = rules["additionalProperties"], case .object = rule {
                    found += problems(member, schema: rule, at: "\(path).\(name)")
                }
            }
        case .array(let items):
            if let rule = rules["items"] {
                for (index, item) in items.enumerated() {
                    found += problems(item, schema: rule, at: "\(path)[\(index)]")
                }
            }
        default:
            break
        }
        return found
    }

    private static func typeNames(_ type: JSONValue?) -> [String]? {
        switch type {
        case .string(let name): [name]
        case .array(let names): names.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("number", .number):
            true
        case ("integer", .number(let number)): number == number.rounded() && number.isFinite
        default: false
        }
    }

    private static func article(_ type: String) -> String {
        switch type {
        case "object", "array", "integer": "an \(type)"
        case "null": "null"
        default: "a \(type)"
        }
    }
}
