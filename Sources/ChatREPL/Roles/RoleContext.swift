/// What a run knows of roles: where they are, the `-p` values, the role `-r` named, and the
/// settings before any role, which `/role off` goes back to.
public struct RoleContext: Sendable {
    public var catalog: RoleCatalog
    /// `-p NAME=VALUE`, for the role's variables.
    public var values: [String: String]
    /// The role `-r NAME` named, filled in.
    public var active: ActiveRole?
    /// This run's conversation settings without a role.
    public var baseline: ConversationSettings
    /// Whether replies are rendered on a terminal without a role (config, `--no-markdown`).
    public var markdown = true

    public init(
        catalog: RoleCatalog, values: [String: String] = [:], active: ActiveRole? = nil,
        baseline: ConversationSettings
    ) {
        self.catalog = catalog
        self.values = values
        self.active = active
        self.baseline = baseline
    }
}

extension RunSettings {
    /// Lays the role `-r NAME` names over the conversation settings, under the command line's
    /// own values (flag > role > profile > config), and keeps what `/role` needs. Reads nothing
    /// when no role is named.
    public mutating func applyRole(flags: CommandLineSettings, environment: [String: String]) throws(ParleyError) {
        let catalog = RoleCatalog(paths: paths, environment: environment)
        var context = RoleContext(catalog: catalog, values: flags.roleValues, baseline: conversation)
        context.markdown = markdown
        guard let name = flags.role else {
            if let name = flags.roleValues.keys.sorted().first {
                throw .usage("-p \(name)=… sets a role's variable: name the role with -r NAME")
            }
            roles = context
            return
        }
        let role = try catalog.active(name, values: flags.roleValues)
        context.active = role
        let modelBefore = conversation.model
        conversation = role.applied(to: conversation, flags: flags)
        parameterLayers.role = role.parameters
        origins.record(role, in: conversation, flags: flags)
        // A role that names a model brings the config's parameters for that model, as -m would.
        if conversation.model != modelBefore {
            parameterLayers.switchModel(
                from: modelBefore, to: conversation.model, parameters: &conversation.parameters, origins: &origins)
        }
        roles = context
    }
}
