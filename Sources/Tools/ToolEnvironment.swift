/// The environment tool processes get: Parley's, without the variables that hold API keys,
/// plus what a tool's `env` sets. A key variable reaches a tool only when its `env` names it.
public struct ToolEnvironment: Sendable, Equatable {
    /// Parley's own environment, whole.
    public var parent: [String: String]
    /// Variables never passed on unless a tool's `env` names them.
    public var secretNames: Set<String>

    /// The variables that hold keys for the OpenAI-style APIs, always kept back.
    public static let knownSecretNames: Set<String> = [
        "OPENAI_API_KEY", "OPENAI_ADMIN_KEY", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN", "OPENROUTER_API_KEY",
        "ANTHROPIC_API_KEY",
    ]

    /// - Parameter keyVariable: the variable this run's key came from (`api_key_env`), if any.
    public init(parent: [String: String], keyVariable: String? = nil, key: String? = nil) {
        self.parent = parent
        var secrets = Self.knownSecretNames
        if let keyVariable { secrets.insert(keyVariable) }
        // Any variable holding this run's key, whatever its name.
        if let key, !key.isEmpty {
            for (name, value) in parent where value == key { secrets.insert(name) }
        }
        secretNames = secrets
    }

    /// The whole environment for a tool with these `env` settings.
    public func forTool(_ env: [String: String?]) -> [String: String] {
        var result = parent.filter { !secretNames.contains($0.key) }
        for (name, value) in env {
            if let value {
                result[name] = value
            } else {
                result[name] = parent[name]
            }
        }
        return result
    }
}
