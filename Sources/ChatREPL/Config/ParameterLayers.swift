import ChatClient

/// The request parameters of every level, kept apart so the one in force can be told and the
/// per-model ones follow `/model`. Highest first: command line, role, profile, the config's
/// `models.NAME.params`, the config's top level; what none sets is not sent (the server's default).
public struct ParameterLayers: Sendable, Equatable {
    public var config = RequestParameters()
    public var models: [String: RequestParameters] = [:]
    public var profile = RequestParameters()
    /// A role's parameters: the roles feature fills this layer.
    public var role = RequestParameters()
    public var flags = RequestParameters()

    public init() {}

    /// The layers, lowest first, with where each comes from.
    private func ordered(model: String) -> [(RequestParameters, SettingSource)] {
        [(config, .config), (forModel(model), .model), (profile, .profile), (role, .role), (flags, .flag)]
    }

    /// The config's parameters for a model: by exact name, or the longest name that starts the
    /// model id (as the `models` table's other keys are matched).
    public func forModel(_ model: String) -> RequestParameters {
        if let exact = models[model] { return exact }
        return models.filter { model.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
            ?? RequestParameters()
    }

    /// The parameters in force for `model`, and where each came from.
    public func resolve(model: String) -> (RequestParameters, [String: SettingOrigins.Entry]) {
        var parameters = RequestParameters()
        var origins: [String: SettingOrigins.Entry] = [:]
        for (layer, source) in ordered(model: model) {
            parameters = parameters.overlaid(by: layer)
            for (name, value) in layer.values { origins[name] = SettingOrigins.Entry(source: source, value: value) }
        }
        return (parameters, origins)
    }

    /// Switches the per-model parameters from `old` to `new`: those `old` gave are taken out,
    /// `new`'s laid in where nothing higher (a flag, `/set`, the session) set the key.
    public func switchModel(
        from old: String, to new: String, parameters: inout RequestParameters, origins: inout SettingOrigins
    ) {
        for (name, value) in forModel(old).values {
            let current = parameters[name]
            guard current == value, SettingOrigins.source(of: current, recorded: origins.parameters[name]) == .model
            else { continue }
            // What the top level says, if anything, is in force again.
            parameters[name] = config[name]
            origins.parameters[name] = config[name].map { SettingOrigins.Entry(source: .config, value: $0) }
        }
        for (name, value) in forModel(new).values {
            let source = SettingOrigins.source(of: parameters[name], recorded: origins.parameters[name])
            guard parameters[name] == nil || source == .config || source == .default else { continue }
            parameters[name] = value
            origins.parameters[name] = SettingOrigins.Entry(source: .model, value: value)
        }
    }
}

extension ParameterLayers {
    /// The layers a config file, its profile and the command line give, the parameters in force
    /// for `model`, and where they and the model and system prompt came from.
    static func resolve(
        flags: CommandLineSettings, file: ConfigFile, profile: ConfigFields?, model: String
    ) -> (ParameterLayers, RequestParameters, SettingOrigins) {
        var layers = ParameterLayers()
        layers.config = file.fields.parameters
        layers.models = file.modelParameters
        layers.profile = profile?.parameters ?? RequestParameters()
        layers.flags = flags.parameters
        let (parameters, entries) = layers.resolve(model: model)
        var origins = SettingOrigins()
        origins.parameters = entries
        func source(flag: String?, profile profileValue: String?, config: String?) -> SettingSource {
            flag != nil ? .flag : profileValue != nil ? .profile : config != nil ? .config : .default
        }
        origins.model = .init(
            source: source(flag: flags.model, profile: profile?.model, config: file.fields.model),
            value: .string(model))
        let system = flags.systemPrompt ?? profile?.systemPrompt ?? file.fields.systemPrompt
        origins.systemPrompt = .init(
            source: source(flag: flags.systemPrompt, profile: profile?.systemPrompt, config: file.fields.systemPrompt),
            value: system.map { .string($0) })
        return (layers, parameters, origins)
    }
}
