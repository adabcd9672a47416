import ChatClient

/// One key a config's top level or a profile may hold: how it is read and checked, and how a
/// profile's value lays over the file's. A new setting is one row here.
struct ConfigKey: Sendable {
    let name: String
    let read: @Sendable (ConfigReader, [String: JSONValue], String, inout ConfigFields) throws(ParleyError) -> Void
    let overlay: @Sendable (inout ConfigFields, ConfigFields) -> Void

    /// The keys that name where the API key comes from (read together: at most one may be set).
    static let keySources = ["api_key_env", "api_key_file", "api_key_command", "api_key"]

    static let fields: [ConfigKey] = [
        string("model", \.model, nonEmpty: true),
        string("base_url", \.baseURL, nonEmpty: true) { url in
            do throws(BaseURL.Problem) {
                _ = try BaseURL(parsing: url)
                return nil
            } catch {
                return error.message
            }
        },
        bool("allow_insecure_http", \.allowInsecureHTTP),
        string("azure_deployment", \.azureDeployment, nonEmpty: true),
        string("azure_api_version", \.azureAPIVersion, nonEmpty: true),
        string("proxy", \.proxy) { proxy in
            proxy == "none" || proxy.isEmpty || ProxyURL.parse(proxy) != nil
                ? nil
                : "expected a URL like http://user:password@proxy:3128 or \"none\", got \"\(BaseURL.redacting(proxy))\""
        },
        string("system_prompt", \.systemPrompt),
        bool("stream", \.stream),
        string("organization", \.organization, nonEmpty: true),
        string("project", \.project, nonEmpty: true),
        integer("max_retries", \.maxRetries, range: 0...10),
        integer("context_length", \.contextLength, range: 256...100_000_000),
        number("max_cost_per_session", \.maxCostPerSession, range: 0...1_000_000, unit: "US dollars"),
        integer("max_reply_mb", \.maxReplyMB, range: 1...65_536),
        number("max_server_wait", \.maxServerWait, range: 1...86_400, unit: "seconds"),
        number("api_key_command_timeout", \.keyCommandTimeout, range: 0.1...3600, unit: "seconds"),
        ConfigKey(
            name: "headers",
            read: { reader, members, prefix, fields throws(ParleyError) in
                guard let headers = members["headers"], headers != .null else { return }
                guard case .object(let named) = headers else {
                    throw reader.mistake(prefix + "headers", "an object", headers)
                }
                var result: [String: String] = [:]
                for (name, value) in named {
                    guard case .string(let text) = value else {
                        throw reader.mistake("\(prefix)headers.\(name)", "a string", value)
                    }
                    result[name] = text
                }
                fields.headers = result
            },
            overlay: { merged, other in merged.headers = (merged.headers ?? [:]).merging(other.headers ?? [:]) { $1 } }),
        ConfigKey(
            name: "timeouts",
            read: { reader, members, prefix, fields throws(ParleyError) in
                guard let timeouts = members["timeouts"], timeouts != .null else { return }
                guard case .object(let limits) = timeouts else {
                    throw reader.mistake(prefix + "timeouts", "an object with connect, first_byte, idle", timeouts)
                }
                let at = prefix + "timeouts."
                try reader.checkKeys(limits, allowed: ["connect", "first_byte", "idle"], at: at)
                let range = 0.001...86_400.0
                fields.connectTimeout = try reader.number(limits, "connect", at: at, range: range, unit: "seconds")
                fields.firstByteTimeout = try reader.number(limits, "first_byte", at: at, range: range, unit: "seconds")
                fields.idleTimeout = try reader.number(limits, "idle", at: at, range: range, unit: "seconds")
            },
            overlay: { merged, other in
                merged.connectTimeout = other.connectTimeout ?? merged.connectTimeout
                merged.firstByteTimeout = other.firstByteTimeout ?? merged.firstByteTimeout
                merged.idleTimeout = other.idleTimeout ?? merged.idleTimeout
            }),
        ConfigKey(
            name: "rate_limit",
            read: { reader, members, prefix, fields throws(ParleyError) in
                guard let limit = members["rate_limit"], limit != .null else { return }
                guard case .object(let limits) = limit else {
                    throw reader.mistake(
                        prefix + "rate_limit", "an object with requests_per_minute, tokens_per_minute", limit)
                }
                let at = prefix + "rate_limit."
                try reader.checkKeys(limits, allowed: ["requests_per_minute", "tokens_per_minute"], at: at)
                fields.requestsPerMinute = try reader.integer(
                    limits, "requests_per_minute", at: at, range: 1...1_000_000)
                fields.tokensPerMinute = try reader.integer(
                    limits, "tokens_per_minute", at: at, range: 1...1_000_000_000)
            },
            overlay: { merged, other in
                merged.requestsPerMinute = other.requestsPerMinute ?? merged.requestsPerMinute
                merged.tokensPerMinute = other.tokensPerMinute ?? merged.tokensPerMinute
            }),
    ]

    private static func string(
        _ name: String, _ field: any WritableKeyPath<ConfigFields, String?> & Sendable, nonEmpty: Bool = false,
        check: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> ConfigKey {
        ConfigKey(
            name: name,
            read: { reader, members, prefix, fields throws(ParleyError) in
                let value = try reader.string(members, name, at: prefix, nonEmpty: nonEmpty)
                if let value, let problem = check(value) {
                    throw .config(path: reader.path, "key '\(prefix)\(name)': \(problem)")
                }
                fields[keyPath: field] = value
            },
            overlay: { merged, other in merged[keyPath: field] = other[keyPath: field] ?? merged[keyPath: field] })
    }

    private static func bool(_ name: String, _ field: any WritableKeyPath<ConfigFields, Bool?> & Sendable) -> ConfigKey
    {
        ConfigKey(
            name: name,
            read: { reader, members, prefix, fields throws(ParleyError) in
                fields[keyPath: field] = try reader.bool(members, name, at: prefix)
            },
            overlay: { merged, other in merged[keyPath: field] = other[keyPath: field] ?? merged[keyPath: field] })
    }

    private static func integer(
        _ name: String, _ field: any WritableKeyPath<ConfigFields, Int?> & Sendable, range: ClosedRange<Int>
    ) -> ConfigKey {
        ConfigKey(
            name: name,
            read: { reader, members, prefix, fields throws(ParleyError) in
                fields[keyPath: field] = try reader.integer(members, name, at: prefix, range: range)
            },
            overlay: { merged, other in merged[keyPath: field] = other[keyPath: field] ?? merged[keyPath: field] })
    }

    private static func number(
        _ name: String, _ field: any WritableKeyPath<ConfigFields, Double?> & Sendable, range: ClosedRange<Double>,
        unit: String
    ) -> ConfigKey {
        ConfigKey(
            name: name,
            read: { reader, members, prefix, fields throws(ParleyError) in
                fields[keyPath: field] = try reader.number(members, name, at: prefix, range: range, unit: unit)
            },
            overlay: { merged, other in merged[keyPath: field] = other[keyPath: field] ?? merged[keyPath: field] })
    }
}
