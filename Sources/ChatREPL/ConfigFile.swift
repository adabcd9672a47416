import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a server's API key comes from.
public enum KeySource: Sendable, Equatable {
    /// An environment variable's name.
    case environment(String)
    /// A file holding the key (refused if group or others may read it).
    case file(String)
    /// A command whose standard output is the key (a password manager).
    case command(String)
    /// The key written in the config file itself (accepted only if others cannot read the file).
    case literal(String)
}

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
    public var temperature: Double?
    public var maxTokens: Int?
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

    public init() {}

    /// `other`'s values where it has them, ours elsewhere.
    func overlaid(by other: ConfigFields) -> ConfigFields {
        var merged = self
        merged.model = other.model ?? model
        merged.baseURL = other.baseURL ?? baseURL
        merged.keySource = other.keySource ?? keySource
        merged.allowInsecureHTTP = other.allowInsecureHTTP ?? allowInsecureHTTP
        merged.azureDeployment = other.azureDeployment ?? azureDeployment
        merged.azureAPIVersion = other.azureAPIVersion ?? azureAPIVersion
        merged.proxy = other.proxy ?? proxy
        merged.systemPrompt = other.systemPrompt ?? systemPrompt
        merged.temperature = other.temperature ?? temperature
        merged.maxTokens = other.maxTokens ?? maxTokens
        merged.stream = other.stream ?? stream
        merged.organization = other.organization ?? organization
        merged.project = other.project ?? project
        merged.headers = (headers ?? [:]).merging(other.headers ?? [:]) { $1 }
        merged.connectTimeout = other.connectTimeout ?? connectTimeout
        merged.firstByteTimeout = other.firstByteTimeout ?? firstByteTimeout
        merged.idleTimeout = other.idleTimeout ?? idleTimeout
        merged.maxRetries = other.maxRetries ?? maxRetries
        merged.contextLength = other.contextLength ?? contextLength
        merged.requestsPerMinute = other.requestsPerMinute ?? requestsPerMinute
        merged.tokensPerMinute = other.tokensPerMinute ?? tokensPerMinute
        merged.maxCostPerSession = other.maxCostPerSession ?? maxCostPerSession
        return merged
    }
}

/// A whole config file: top-level fields, named profiles, and the settings that are not per server.
public struct ConfigFile: Sendable, Equatable {
    public var fields = ConfigFields()
    public var profiles: [String: ConfigFields] = [:]
    public var defaultProfile: String?
    public var color: ColorMode?
    /// Whether interactive conversations are saved (default true).
    public var saveSessions: Bool?
    public var historySize: Int?
    /// Per-model context lengths and prices.
    public var models: [String: ModelInfo] = [:]
    /// Group or others may read the file (then a key written in it is refused).
    public var readableByOthers = false
    public var path: String?

    public init() {}

    /// Reads and checks a config file. A missing file at the default place means defaults.
    public static func load(path: String, mustExist: Bool) throws(ParleyError) -> ConfigFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !mustExist, !FileSystem.exists(path) { return ConfigFile() }
            throw .config(path: path, "cannot be read (\(FileSystem.reason(error)))")
        }
        var file = try parse(data, path: path)
        file.readableByOthers = FileSystem.permissions(path).map { $0 & 0o044 != 0 } ?? false
        file.path = path
        return file
    }

    public static func parse(_ data: Data, path: String) throws(ParleyError) -> ConfigFile {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .config(path: path, "is not valid JSON (\(JSONErrorText.describe(error)))")
        }
        var reader = ConfigReader(path: path)
        return try reader.file(json)
    }
}

/// Reads config JSON by hand, so that every mistake is named by its key path and what was
/// expected, and no unknown key is silently ignored.
struct ConfigReader {
    let path: String

    static let fieldKeys = [
        "model", "base_url", "api_key_env", "api_key_file", "api_key_command", "api_key", "allow_insecure_http",
        "azure_deployment", "azure_api_version", "proxy", "system_prompt", "temperature", "max_tokens", "stream",
        "organization", "project", "headers", "timeouts", "max_retries", "context_length", "rate_limit",
        "max_cost_per_session",
    ]
    static let topKeys =
        fieldKeys + ["profiles", "default_profile", "color", "save_sessions", "history_size", "models"]

    mutating func file(_ json: JSONValue) throws(ParleyError) -> ConfigFile {
        guard case .object(let members) = json else {
            throw .config(path: path, "must hold a JSON object, not \(json.kindName)")
        }
        try checkKeys(members, allowed: Self.topKeys, at: "")
        var file = ConfigFile()
        file.fields = try fields(members, at: "")
        if let profiles = members["profiles"] {
            guard case .object(let named) = profiles else {
                throw mistake("profiles", "an object of named profiles", profiles)
            }
            for (name, value) in named {
                guard case .object(let profile) = value else { throw mistake("profiles.\(name)", "an object", value) }
                try checkKeys(profile, allowed: Self.fieldKeys, at: "profiles.\(name).")
                file.profiles[name] = try fields(profile, at: "profiles.\(name).")
            }
        }
        file.defaultProfile = try string(members, "default_profile", at: "")
        if let name = file.defaultProfile, file.profiles[name] == nil {
            throw .config(path: path, "key 'default_profile': no profile named '\(name)' in 'profiles'")
        }
        if let color = try string(members, "color", at: "") {
            guard let mode = ColorMode(rawValue: color) else {
                throw .config(path: path, "key 'color': expected \"auto\", \"always\" or \"never\", got \"\(color)\"")
            }
            file.color = mode
        }
        file.saveSessions = try bool(members, "save_sessions", at: "")
        file.historySize = try integer(members, "history_size", at: "", range: 0...1_000_000)
        if let models = members["models"] {
            guard case .object(let named) = models else { throw mistake("models", "an object of model names", models) }
            for (name, value) in named {
                let at = "models.\(name)."
                guard case .object(let entry) = value else { throw mistake("models.\(name)", "an object", value) }
                try checkKeys(entry, allowed: ["context_length", "input_price", "output_price"], at: at)
                file.models[name] = ModelInfo(
                    contextLength: try integer(entry, "context_length", at: at, range: 256...100_000_000),
                    inputPrice: try number(
                        entry, "input_price", at: at, range: 0...100_000, unit: "dollars per million tokens"),
                    outputPrice: try number(
                        entry, "output_price", at: at, range: 0...100_000, unit: "dollars per million tokens"))
            }
        }
        return file
    }

    private func fields(_ members: [String: JSONValue], at prefix: String) throws(ParleyError) -> ConfigFields {
        var fields = ConfigFields()
        fields.model = try string(members, "model", at: prefix, nonEmpty: true)
        fields.baseURL = try string(members, "base_url", at: prefix, nonEmpty: true)
        if let url = fields.baseURL, let problem = BaseURL.problem(url) {
            throw .config(path: path, "key '\(prefix)base_url': \(problem)")
        }
        var sources: [(String, KeySource)] = []
        if let name = try string(members, "api_key_env", at: prefix, nonEmpty: true) {
            sources.append(("api_key_env", .environment(name)))
        }
        if let path = try string(members, "api_key_file", at: prefix, nonEmpty: true) {
            sources.append(("api_key_file", .file(path)))
        }
        if let command = try string(members, "api_key_command", at: prefix, nonEmpty: true) {
            sources.append(("api_key_command", .command(command)))
        }
        if let key = try string(members, "api_key", at: prefix, nonEmpty: true) {
            sources.append(("api_key", .literal(key)))
        }
        if sources.count > 1 {
            throw .config(
                path: path,
                "\(prefix.isEmpty ? "the top level" : "'\(prefix.dropLast())'") sets "
                    + sources.map { "'\(prefix)\($0.0)'" }.joined(separator: " and ")
                    + "; give the key one way only (api_key_env, api_key_file, api_key_command or api_key)")
        }
        fields.keySource = sources.first?.1
        fields.allowInsecureHTTP = try bool(members, "allow_insecure_http", at: prefix)
        fields.azureDeployment = try string(members, "azure_deployment", at: prefix, nonEmpty: true)
        fields.azureAPIVersion = try string(members, "azure_api_version", at: prefix, nonEmpty: true)
        fields.proxy = try string(members, "proxy", at: prefix)
        if let proxy = fields.proxy, proxy != "none", !proxy.isEmpty, ProxyURL.parse(proxy) == nil {
            throw .config(
                path: path,
                "key '\(prefix)proxy': expected a URL like http://user:password@proxy:3128 or \"none\", got \"\(proxy)\""
            )
        }
        fields.systemPrompt = try string(members, "system_prompt", at: prefix)
        fields.temperature = try number(members, "temperature", at: prefix, range: 0...2)
        fields.maxTokens = try integer(members, "max_tokens", at: prefix, range: 1...10_000_000)
        fields.stream = try bool(members, "stream", at: prefix)
        fields.organization = try string(members, "organization", at: prefix, nonEmpty: true)
        fields.project = try string(members, "project", at: prefix, nonEmpty: true)
        fields.maxRetries = try integer(members, "max_retries", at: prefix, range: 0...10)
        fields.contextLength = try integer(members, "context_length", at: prefix, range: 256...100_000_000)
        fields.maxCostPerSession = try number(
            members, "max_cost_per_session", at: prefix, range: 0...1_000_000, unit: "US dollars")
        if let limit = members["rate_limit"] {
            guard case .object(let limits) = limit else {
                throw mistake(prefix + "rate_limit", "an object with requests_per_minute, tokens_per_minute", limit)
            }
            let at = prefix + "rate_limit."
            try checkKeys(limits, allowed: ["requests_per_minute", "tokens_per_minute"], at: at)
            fields.requestsPerMinute = try integer(limits, "requests_per_minute", at: at, range: 1...1_000_000)
            fields.tokensPerMinute = try integer(limits, "tokens_per_minute", at: at, range: 1...1_000_000_000)
        }
        if let headers = members["headers"] {
            guard case .object(let named) = headers else { throw mistake(prefix + "headers", "an object", headers) }
            var result: [String: String] = [:]
            for (name, value) in named {
                guard case .string(let text) = value else {
                    throw mistake("\(prefix)headers.\(name)", "a string", value)
                }
                result[name] = text
            }
            fields.headers = result
        }
        if let timeouts = members["timeouts"] {
            guard case .object(let limits) = timeouts else {
                throw mistake(prefix + "timeouts", "an object with connect, first_byte, idle", timeouts)
            }
            let at = prefix + "timeouts."
            try checkKeys(limits, allowed: ["connect", "first_byte", "idle"], at: at)
            let range = 0.001...86_400.0
            fields.connectTimeout = try number(limits, "connect", at: at, range: range, unit: "seconds")
            fields.firstByteTimeout = try number(limits, "first_byte", at: at, range: range, unit: "seconds")
            fields.idleTimeout = try number(limits, "idle", at: at, range: range, unit: "seconds")
        }
        return fields
    }

    private func checkKeys(_ members: [String: JSONValue], allowed: [String], at prefix: String) throws(ParleyError) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            throw .config(
                path: path, "unknown key '\(prefix)\(key)' (known keys: \(allowed.joined(separator: ", ")))")
        }
    }

    private func mistake(_ key: String, _ expected: String, _ value: JSONValue) -> ParleyError {
        .config(path: path, "key '\(key)': expected \(expected), got \(value.kindName)")
    }

    private func string(
        _ members: [String: JSONValue], _ key: String, at prefix: String, nonEmpty: Bool = false
    ) throws(ParleyError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw mistake(prefix + key, "a string", value) }
        if nonEmpty, text.isEmpty { throw .config(path: path, "key '\(prefix)\(key)': must not be empty") }
        return text
    }

    private func bool(_ members: [String: JSONValue], _ key: String, at prefix: String) throws(ParleyError) -> Bool? {
        guard let value = members[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw mistake(prefix + key, "true or false", value) }
        return flag
    }

    private func number(
        _ members: [String: JSONValue], _ key: String, at prefix: String, range: ClosedRange<Double>,
        unit: String = ""
    ) throws(ParleyError) -> Double? {
        guard let value = members[key], value != .null else { return nil }
        let what =
            "a number from \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound))"
            + (unit.isEmpty ? "" : " (\(unit))")
        guard case .number(let number) = value else { throw mistake(prefix + key, what, value) }
        guard range.contains(number) else {
            throw .config(path: path, "key '\(prefix)\(key)': expected \(what), got \(Format.number(number))")
        }
        return number
    }

    private func integer(
        _ members: [String: JSONValue], _ key: String, at prefix: String, range: ClosedRange<Int>
    ) throws(ParleyError) -> Int? {
        guard let value = members[key], value != .null else { return nil }
        let what = "a whole number from \(range.lowerBound) to \(range.upperBound)"
        guard case .number(let number) = value, number == number.rounded(), abs(number) < 1e15 else {
            throw mistake(prefix + key, what, value)
        }
        guard range.contains(Int(number)) else {
            throw .config(path: path, "key '\(prefix)\(key)': expected \(what), got \(Int(number))")
        }
        return Int(number)
    }
}

/// Words for what JSONDecoder found wrong, without its debug dump.
enum JSONErrorText {
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { "\($0)" } ?? context.debugDescription
            return underlying.isEmpty ? "corrupted data" : Self.shorten(underlying)
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            return (path.isEmpty ? "" : "at '\(path)': ") + shorten(context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }

    private static func shorten(_ text: String) -> String {
        let first = text.split(separator: "\n").first.map(String.init) ?? text
        return first.count > 160 ? String(first.prefix(160)) + "…" : first
    }
}
