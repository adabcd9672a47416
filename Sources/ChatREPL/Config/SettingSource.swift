import ChatClient

/// Where a setting in force came from, as `/settings` shows it.
public enum SettingSource: String, Sendable, Equatable, CaseIterable {
    /// The command line (`-m`, `-s`, `-t`, `--max-tokens`, `-o`).
    case flag
    /// Changed in this run: `/set`, `/temperature`, `/reasoning`, `/model`, `/system`.
    case command
    /// A role's front matter (filled by the roles feature).
    case role
    /// The profile in use (`--profile`, `default_profile`).
    case profile
    /// The config's `models.NAME.params` for the model in use.
    case model
    /// The config file's top level.
    case config
    /// The session file this conversation was resumed from.
    case session
    /// Parley's built-in default, or the server's own when nothing is sent.
    case `default`

    /// The words `/settings` uses.
    public var label: String {
        switch self {
        case .flag: "command line"
        case .command: "set in this run"
        case .role: "role"
        case .profile: "profile"
        case .model: "config, per model"
        case .config: "config"
        case .session: "session file"
        case .default: "default"
        }
    }
}

/// Where each setting in force came from. A value that no longer matches what was recorded
/// has been changed in this run since.
public struct SettingOrigins: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var source: SettingSource
        public var value: JSONValue?
    }

    public var model = Entry(source: .default, value: nil)
    public var systemPrompt = Entry(source: .default, value: nil)
    public var parameters: [String: Entry] = [:]

    public init() {}

    /// The source of a value now in force: the recorded one while the value is unchanged.
    public static func source(of value: JSONValue?, recorded: Entry?) -> SettingSource {
        guard let recorded else { return value == nil ? .default : .command }
        return recorded.value == value ? recorded.source : .command
    }

    /// Records every parameter of `parameters` as coming from `source`.
    public mutating func record(_ parameters: RequestParameters, from source: SettingSource) {
        for (name, value) in parameters.values { self.parameters[name] = Entry(source: source, value: value) }
    }

    /// The origins of a resumed conversation: the command line's values, the session's elsewhere.
    public static func resumed(_ settings: ConversationSettings, flags: CommandLineSettings) -> SettingOrigins {
        var origins = SettingOrigins()
        origins.model = Entry(source: flags.model != nil ? .flag : .session, value: .string(settings.model))
        origins.systemPrompt = Entry(
            source: flags.systemPrompt != nil ? .flag : .session, value: settings.systemPrompt.map { .string($0) })
        for (name, value) in settings.parameters.values {
            origins.parameters[name] = Entry(source: flags.parameters[name] != nil ? .flag : .session, value: value)
        }
        return origins
    }
}
