import ChatClient
import Yams

/// Reads a role file: an optional YAML front matter between `---` lines, then the prompt.
/// The only user of Yams. Every problem is one line naming the file, the line and what was
/// expected; YAML's own words are kept, Swift's type names never shown.
enum RoleFrontMatter {
    /// The role a file's text describes.
    static func parse(_ text: String, name: String, path: String) throws(ParleyError) -> RoleDefinition {
        // "\r\n" is one Character in Swift: Windows line ends become "\n" before lines are cut.
        var text = text.replacing("\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first) else {
            return RoleDefinition(name: name, source: .file(path), prompt: trimmedPrompt(text))
        }
        guard let end = lines.indices.dropFirst().first(where: { isFence(lines[$0]) || isEnd(lines[$0]) }) else {
            throw problem(path, line: 1, "the front matter that starts here has no closing --- line")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        var role = RoleDefinition(name: name, source: .file(path), prompt: trimmedPrompt(body))
        try read(yaml, into: &role, path: path)
        return role
    }

    /// `---` (trailing spaces allowed) opens and closes the front matter; YAML's `...` closes it too.
    private static func isFence(_ line: Substring) -> Bool {
        line.strippedOfWhitespace == "---" && line.hasPrefix("---")
    }

    private static func isEnd(_ line: Substring) -> Bool {
        line.strippedOfWhitespace == "..." && line.hasPrefix("...")
    }

    /// The prompt without the blank lines around it.
    private static func trimmedPrompt(_ text: String) -> String {
        text.strippedOfWhitespace
    }

    /// A file line for a line of the front matter (it starts on the file's second line).
    private static func fileLine(_ mark: Mark?) -> Int? {
        mark.map { $0.line + 1 }
    }

    static func problem(_ path: String, line: Int?, _ text: String) -> ParleyError {
        .setup("role file \(path)" + (line.map { ", line \($0)" } ?? "") + ": " + text)
    }

    // MARK: - The front matter's keys

    private static func read(_ yaml: String, into role: inout RoleDefinition, path: String) throws(ParleyError) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlProblem(error, path: path)
        } catch {
            throw problem(path, line: 2, "the front matter could not be read as YAML")
        }
        guard let root else { return }  // empty front matter
        if root.tagName == .null { return }
        guard let mapping = root.mapping else {
            throw problem(
                path, line: fileLine(root.mark), "expected the front matter to be 'key: value' lines, got \(kind(root))"
            )
        }
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                throw problem(
                    path, line: fileLine(keyNode.mark), "expected a key name before ':', got \(kind(keyNode))")
            }
            if value.tagName == .null, value.scalar != nil { continue }  // `key:` with no value sets nothing
            let line = fileLine(value.mark) ?? fileLine(keyNode.mark)
            func expected(_ what: String) -> ParleyError {
                problem(path, line: line, "'\(key)' expects \(what), got \(kind(value))")
            }
            switch key {
            case "model":
                guard let model = value.scalar?.string.strippedOfWhitespace, !model.isEmpty,
                    !model.contains(where: { $0.isWhitespace })
                else { throw expected("a model name") }
                role.model = model
            case "description":
                guard let text = value.scalar?.string else { throw expected("a line of text") }
                role.description = text
            case "name":
                // aichat writes the role's name in some files; the file name is what counts here.
                guard value.scalar != nil else { throw expected("a role name") }
            case "tools", "use_tools":
                role.tools += try tools(value, expected: expected)
            case "markdown":
                guard let flag = value.bool, value.tagName == .bool else { throw expected("true or false") }
                role.markdown = flag
            case "variables":
                try readVariables(value, into: &role, path: path, line: line)
            case "prompt":
                // aichat's roles.yaml holds the prompt under this key; a file has it after the front matter.
                guard let text = value.scalar?.string else { throw expected("the role's text") }
                guard role.prompt.isEmpty else {
                    throw problem(
                        path, line: line, "'prompt' and a text after the front matter: keep one of them, not both")
                }
                role.prompt = text.strippedOfWhitespace
            case "messages", "stream", "stream_options":
                throw problem(
                    path, line: fileLine(keyNode.mark),
                    "'\(key)' is Parley's to set, not a role's; expected model, a request parameter, tools or variables"
                )
            default:
                let json = try jsonValue(value, path: path)
                if let spec = ParameterSpec.named(key) {
                    guard spec.check(json) else { throw expected(spec.accepted) }
                } else if !role.unknownKeys.contains(key) {
                    role.unknownKeys.append(key)
                }
                role.parameters[key] = json
            }
        }
    }

    /// `tools: fs, web_search` (aichat's `use_tools`) or a list of names.
    private static func tools(_ value: Node, expected: (String) -> ParleyError) throws(ParleyError) -> [String] {
        if let text = value.scalar?.string {
            return text.split(separator: ",").map(\.strippedOfWhitespace).filter { !$0.isEmpty }
        }
        guard let items = value.sequence else { throw expected("tool names (a list, or names with commas)") }
        var names: [String] = []
        for item in items {
            guard let name = item.scalar?.string else { throw expected("tool names (a list, or names with commas)") }
            names.append(name)
        }
        return names
    }

    /// `variables:` as a map of defaults (`lang: English`), or aichat's list of
    /// `{name, default, description}` (a variable without `default` must be given with `-p`).
    private static func readVariables(
        _ value: Node, into role: inout RoleDefinition, path: String, line: Int?
    ) throws(ParleyError) {
        let expectation = "a map of variable names to default values (lang: English)"
        func checkedName(_ node: Node) throws(ParleyError) -> String {
            guard let name = node.scalar?.string, RoleTemplate.isValidName(name) else {
                throw problem(
                    path, line: fileLine(node.mark) ?? line,
                    "a variable's name is letters, digits and _, got \(node.scalar.map { "'\($0.string)'" } ?? kind(node))"
                )
            }
            return name
        }
        func defaultText(_ node: Node, of name: String) throws(ParleyError) -> String? {
            if node.tagName == .null, node.scalar != nil { return nil }
            guard let text = node.scalar?.string else {
                throw problem(
                    path, line: fileLine(node.mark) ?? line,
                    "the default of variable '\(name)' expects text, got \(kind(node))")
            }
            return text
        }
        if let mapping = value.mapping {
            for (key, node) in mapping {
                let name = try checkedName(key)
                if let text = try defaultText(node, of: name) { role.defaults[name] = text }
            }
        } else if let items = value.sequence {
            for item in items {
                guard let entry = item.mapping, let nameNode = entry["name"] else {
                    throw problem(
                        path, line: fileLine(item.mark) ?? line,
                        "'variables' expects \(expectation), or a list of entries with a name: and a default:")
                }
                let name = try checkedName(nameNode)
                if let node = entry["default"], let text = try defaultText(node, of: name) {
                    role.defaults[name] = text
                }
            }
        } else {
            throw problem(path, line: line, "'variables' expects \(expectation), got \(kind(value))")
        }
    }

    // MARK: - YAML to JSON

    /// A YAML value as the JSON value sent on the wire.
    private static func jsonValue(_ node: Node, path: String) throws(ParleyError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return .null
            case .bool: if let value = node.bool { return .bool(value) }
            case .int: if let value = node.int { return .number(Double(value)) }
            case .float:
                if let value = node.float {
                    guard value.isFinite else {
                        throw problem(path, line: fileLine(node.mark), "expected a finite number, got \(scalar.string)")
                    }
                    return .number(value)
                }
            default: break
            }
            return .string(scalar.string)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else {
                    throw problem(path, line: fileLine(key.mark), "expected a key name, got \(kind(key))")
                }
                members[name] = try jsonValue(value, path: path)
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try jsonValue(item, path: path)) }
            return .array(items)
        case .alias:
            throw problem(path, line: fileLine(node.mark), "expected a value, got a YAML alias that names nothing")
        }
    }

    /// What a YAML value is, in the words a message uses.
    private static func kind(_ node: Node) -> String {
        switch node {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch node.tagName {
            case .null: return "nothing"
            case .bool: return "\(scalar.string) (a boolean)"
            case .int, .float: return "\(scalar.string) (a number)"
            default:
                let text = scalar.string
                return "\"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
            }
        }
    }

    /// A YAML syntax error as one line: the file line, then libyaml's words.
    private static func yamlProblem(_ error: YamlError, path: String) -> ParleyError {
        let what = "; expected 'key: value' lines of YAML"
        switch error {
        case .scanner(let context, let text, let mark, _), .parser(let context, let text, let mark, _),
            .composer(let context, let text, let mark, _):
            let during = context.map { " (\($0.text))" } ?? ""
            return problem(path, line: mark.line + 1, "\(text)\(during)\(what)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return problem(path, line: context.mark.line + 1, "\(keys) appears more than once; expected each key once")
        case .reader(let text, _, _, _):
            return problem(path, line: nil, "the front matter cannot be read: \(text)")
        default:
            return problem(path, line: nil, "the front matter could not be read as YAML\(what)")
        }
    }
}

extension Node {
    /// The tag YAML resolved for this value (`!!int`, `!!str`, …).
    fileprivate var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}
