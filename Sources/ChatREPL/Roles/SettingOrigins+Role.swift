import ChatClient

extension SettingOrigins {
    /// Records what `role` set in `settings` as coming from the role, except what the command
    /// line set (`flags`), which stays above a role.
    mutating func record(_ role: ActiveRole, in settings: ConversationSettings, flags: CommandLineSettings) {
        if role.model != nil, flags.model == nil { model = Entry(source: .role, value: .string(settings.model)) }
        if flags.systemPrompt == nil {
            systemPrompt = Entry(source: .role, value: settings.systemPrompt.map { .string($0) })
        }
        for (name, value) in role.parameters.values where flags.parameters[name] == nil {
            parameters[name] = Entry(source: .role, value: value)
        }
    }

    /// After a role was dropped: what came from it comes from where it came before the role.
    mutating func forgetRole(restoring before: SettingOrigins) {
        if model.source == .role { model = before.model }
        if systemPrompt.source == .role { systemPrompt = before.systemPrompt }
        for (name, entry) in parameters where entry.source == .role { parameters[name] = before.parameters[name] }
    }
}
