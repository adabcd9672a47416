import ChatClient

/// A role with its variables filled in, ready to lay over a conversation's settings.
public struct ActiveRole: Sendable, Equatable {
    public var name: String
    /// The system prompt it sets; nil for a role that places the input.
    public var systemPrompt: String?
    /// For a role with `{{input}}` / `__INPUT__`: the text each message is placed in.
    public var inputTemplate: String?
    public var model: String?
    public var parameters: RequestParameters
    /// The tools it names (`tools:` / `use_tools:`), turned on while it is in force; `all`: every one.
    public var tools: [String]
    /// What to say once when the role is taken up (unknown keys).
    public var notices: [String]
    /// `markdown: false`: replies printed as plain text on a terminal too.
    public var markdown: Bool?
    /// aichat's few-shot examples (`### INPUT:` / `### OUTPUT:`), as user and assistant messages.
    public var examples: [ChatMessage] = []

    public init(
        name: String, systemPrompt: String? = nil, inputTemplate: String? = nil, model: String? = nil,
        parameters: RequestParameters = RequestParameters(), tools: [String] = [], notices: [String] = [],
        markdown: Bool? = nil
    ) {
        self.name = name
        self.systemPrompt = systemPrompt
        self.inputTemplate = inputTemplate
        self.model = model
        self.parameters = parameters
        self.tools = tools
        self.notices = notices
        self.markdown = markdown
    }

    /// Says the role's notices once and, for a role with `markdown: false`, turns rendering off.
    public func takeUp(on console: Console) {
        for notice in notices { console.notice(notice) }
        if markdown == false { console.style.terminal?.markdown = false }
    }

    /// The settings with this role on them, under what the command line set explicitly
    /// (`-m`, `-s`, `-t`, …): flag > role > profile > config.
    /// The role replaces the system prompt; a role that places the input has none.
    public func applied(
        to settings: ConversationSettings, flags: CommandLineSettings = CommandLineSettings()
    ) -> ConversationSettings {
        var result = settings
        result.role = name
        result.roleTemplate = inputTemplate
        result.roleExamples = examples
        result.systemPrompt = flags.systemPrompt ?? systemPrompt
        if let model { result.model = flags.model ?? model }
        result.parameters = settings.parameters.overlaid(by: parameters).overlaid(by: flags.parameters)
        return result
    }

    /// The settings without this role: what it set and is still in force goes back to
    /// `baseline` (the run's settings before any role); what was changed since stays.
    public func removed(from settings: ConversationSettings, baseline: ConversationSettings) -> ConversationSettings {
        var result = settings
        result.role = nil
        result.roleTemplate = nil
        result.roleExamples = []
        if settings.systemPrompt == systemPrompt { result.systemPrompt = baseline.systemPrompt }
        if let model, settings.model == model { result.model = baseline.model }
        for (key, value) in parameters.values where settings.parameters[key] == value {
            result.parameters[key] = baseline.parameters[key]
        }
        return result
    }
}

extension ConversationSettings {
    /// The text sent for what the user typed: the input itself, or placed in the role's text.
    public func userText(for input: String) -> String {
        guard let roleTemplate else { return input }
        return RoleTemplate.placeInput(input, in: roleTemplate)
    }
}
