import ChatClient

/// A role as written: `roles/NAME.md` in the config directory (a prompt with optional YAML
/// front matter), or one of the built-in roles. Its variables are not filled in yet: see
/// `resolved(values:environment:)`.
public struct RoleDefinition: Sendable, Equatable {
    /// Where a role comes from.
    public enum Source: Sendable, Equatable {
        case builtIn
        case file(String)
    }

    public var name: String
    public var source: Source
    /// The text after the front matter: a system prompt, or with `{{input}}` / `__INPUT__` the
    /// user's message with the input placed in it.
    public var prompt: String
    /// `description:` from the front matter, shown by `parley roles` instead of the first line.
    public var description: String?
    /// `model:`; nil keeps the run's model.
    public var model: String?
    /// `temperature:`, `top_p:` and every other request parameter of the front matter.
    public var parameters = RequestParameters()
    /// `tools:` / `use_tools:`, kept for when Parley has tools.
    public var tools: [String] = []
    /// `variables:` defaults.
    public var defaults: [String: String] = [:]
    /// `markdown: false`: its replies are printed as plain text on a terminal too (the
    /// built-in `shell` and `code` roles, whose replies are a command or code, not prose).
    public var markdown: Bool?
    /// Front matter keys that are not parameters Parley knows: sent as written, said once.
    public var unknownKeys: [String] = []

    public init(name: String, source: Source, prompt: String) {
        self.name = name
        self.source = source
        self.prompt = prompt
    }

    /// The role file's path, or "built in".
    public var origin: String {
        switch source {
        case .builtIn: "built in"
        case .file(let path): path
        }
    }

    /// What `parley roles` shows: the description, else the prompt's first line that has text.
    public var summary: String {
        if let description, !description.strippedOfWhitespace.isEmpty {
            return Conversation.oneLine(description, limit: 100)
        }
        let line = prompt.split(whereSeparator: \.isNewline).first { !$0.strippedOfWhitespace.isEmpty }
        return Conversation.oneLine(line.map(String.init) ?? "", limit: 100)
    }

    /// The variables the prompt uses, built-in ones (`{{__shell__}}`) left out.
    public var variables: [String] {
        RoleTemplate.variables(in: prompt).filter { !RoleEnvironment.isBuiltIn($0) }
    }

    /// The role ready to use: each variable filled from `values`, else its default, else (for
    /// `{{__os__}}` and the like) from the machine. A variable with none of these is an error
    /// naming it, and so is a value for a variable the role does not have.
    public func resolved(values: [String: String], environment: RoleEnvironment) throws(ParleyError) -> ActiveRole {
        let used = RoleTemplate.variables(in: prompt)
        if let extra = values.keys.sorted().first(where: { !used.contains($0) }) {
            let known =
                variables.isEmpty ? "it has no variables" : "its variables: " + variables.joined(separator: ", ")
            throw .usage("role '\(name)' has no variable '\(extra)' (\(known))")
        }
        var filled: [String: String] = [:]
        var missing: [String] = []
        for variable in used {
            if let value = values[variable] ?? defaults[variable] ?? environment.builtIn(variable) {
                filled[variable] = value
            } else {
                missing.append(variable)
            }
        }
        if !missing.isEmpty {
            let names = missing.map { "{{\($0)}}" }.joined(separator: ", ")
            let example = missing.map { "-p \($0)=VALUE" }.joined(separator: " ")
            var hint = ""
            if case .file(let path) = source { hint = ", or a default under variables: in \(path)" }
            throw .usage("role '\(name)' needs a value for \(names): give it with \(example)\(hint)")
        }
        let text = RoleTemplate.fill(prompt, values: filled)
        let placesInput = RoleTemplate.hasInput(prompt)
        var notices: [String] = []
        if !unknownKeys.isEmpty {
            notices.append(
                "role '\(name)': \(unknownKeys.joined(separator: ", ")) "
                    + (unknownKeys.count == 1 ? "is not a parameter" : "are not parameters")
                    + " Parley knows; sent to the server as written")
        }
        let (system, examples) = placesInput ? ("", []) : FewShotPrompt.split(text)
        var role = ActiveRole(
            name: name, systemPrompt: placesInput ? nil : system, inputTemplate: placesInput ? text : nil, model: model,
            parameters: parameters, tools: tools, notices: notices, markdown: markdown)
        role.examples = examples
        return role
    }
}
