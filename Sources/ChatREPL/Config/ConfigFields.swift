import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The settings a config file, or one of its profiles, may give. Every field is optional: what
/// is missing comes from a lower level (profile → file → built-in default).
public struct ConfigFields: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    /// Where the key for this server comes from.
    public var keySource: KeySource?
    /// Allow a key to travel over plain http to a host that is not this machine.
    public var allowInsecureHTTP: Bool?
    /// Azure OpenAI: the deployment and the api-version.
    public var azureDeployment: String?
    public var azureAPIVersion: String?
    /// An HTTP proxy URL, or "none" to use no proxy whatever the environment says.
    public var proxy: String?
    public var systemPrompt: String?
    /// Temperature, max_tokens and the other request parameters.
    public var parameters = RequestParameters()
    public var stream: Bool?
    public var organization: String?
    public var project: String?
    public var headers: [String: String]?
    public var connectTimeout: Double?
    public var firstByteTimeout: Double?
    public var idleTimeout: Double?
    public var maxRetries: Int?
    public var contextLength: Int?
    public var requestsPerMinute: Int?
    public var tokensPerMinute: Int?
    public var maxCostPerSession: Double?
    /// The most a reply may be, in MB (default 64).
    public var maxReplyMB: Int?
    /// The longest wait a server may ask for (Retry-After, rate-limit resets), in seconds (default 120).
    public var maxServerWait: Double?
    /// How long `api_key_command` may take, in seconds (default 10).
    public var keyCommandTimeout: Double?

    public init() {}

    /// `other`'s values where it has them, ours elsewhere (a profile over the file).
    func overlaid(by other: ConfigFields) -> ConfigFields {
        var merged = self
        for key in ConfigKey.fields { key.overlay(&merged, other) }
        merged.keySource = other.keySource ?? keySource
        merged.parameters = parameters.overlaid(by: other.parameters)
        return merged
    }
}
