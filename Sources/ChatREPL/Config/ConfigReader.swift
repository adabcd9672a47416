import ChatClient
import Tools

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads config JSON by hand, so that every mistake is named by its key path and what was
/// expected, and no unknown key is silently ignored.
struct ConfigReader {
    let path: String

    /// The keys a config's top level or a profile may hold.
    static var fieldKeys: [String] {
        ConfigKey.fields.map(\.name) + ConfigKey.keySources + ParameterSpec.known.map(\.name) + ["params"]
    }
    /// The keys only the top level may hold.
    static let fileKeys = [
        "version", "profiles", "default_profile", "color", "save_sessions", "history_size", "models", "markdown",
        "status_line",
        "attachments",
    ]
    static var topKeys: [String] { fieldKeys + fileKeys + ToolConfig.keys }

    mutating func file(_ json: JSONValue) throws(ParleyError) -> ConfigFile {
        guard case .object(let members) = json else {
            throw .config(path: path, "must hold a JSON object, not \(json.kindName)")
        }
        try checkKeys(members, allowed: Self.topKeys, at: "")
        if let version = members["version"] {
            guard version == .number(1) else {
                throw .config(
                    path: path,
                    "key 'version': this Parley reads config version 1, got \(version.kindName)"
                        + (version.numberValue.map { " \(Format.number($0))" } ?? ""))
            }
        }
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
        file.markdown = try bool(members, "markdown", at: "")
        file.statusLine = try bool(members, "status_line", at: "")
        file.historySize = try integer(members, "history_size", at: "", range: 0...1_000_000)
        file.attachments = try attachments(members["attachments"])
        if let models = members["models"] {
            guard case .object(let named) = models else { throw mistake("models", "an object of model names", models) }
            for (name, value) in named {
                let at = "models.\(name)."
                guard case .object(let entry) = value else { throw mistake("models.\(name)", "an object", value) }
                try checkKeys(entry, allowed: ["context_length", "input_price", "output_price", "params"], at: at)
                let modelParams = try params(entry, at: at)
                if !modelParams.isEmpty { file.modelParameters[name] = modelParams }
                file.models[name] = ModelInfo(
                    contextLength: try integer(entry, "context_length", at: at, range: 256...100_000_000),
                    inputPrice: try number(
                        entry, "input_price", at: at, range: 0...100_000, unit: "dollars per million tokens"),
                    outputPrice: try number(
                        entry, "output_price", at: at, range: 0...100_000, unit: "dollars per million tokens"))
            }
        }
        // Tools (issue 12): read leniently, so the chat starts without a bad one.
        file.tools = ToolConfig(members: members)
        return file
    }

    private func fields(_ members: [String: JSONValue], at prefix: String) throws(ParleyError) -> ConfigFields {
        var fields = ConfigFields()
        for key in ConfigKey.fields { try key.read(self, members, prefix, &fields) }
        fields.keySource = try keySource(members, at: prefix)
        for spec in ParameterSpec.known {
            guard let value = members[spec.name], value != .null else { continue }
            guard spec.check(value) else {
                let got = value.numberValue.map(Format.number) ?? value.kindName
                throw .config(path: path, "key '\(prefix)\(spec.name)': expected \(spec.accepted), got \(got)")
            }
            fields.parameters[spec.name] = value
        }
        fields.parameters = fields.parameters.overlaid(by: try params(members, at: prefix))
        return fields
    }

    /// api_key_env, api_key_file, api_key_command or api_key: at most one of them.
    private func keySource(_ members: [String: JSONValue], at prefix: String) throws(ParleyError) -> KeySource? {
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
        return sources.first?.1
    }

    /// The keys of a nested object must be among `allowed`.
    func checkKeys(_ members: [String: JSONValue], allowed: [String], at prefix: String) throws(ParleyError) {
        for key in members.keys.sorted() where !allowed.contains(key) {
            throw .config(
                path: path, "unknown key '\(prefix)\(key)' (known keys: \(allowed.joined(separator: ", ")))")
        }
    }

    func mistake(_ key: String, _ expected: String, _ value: JSONValue) -> ParleyError {
        .config(path: path, "key '\(key)': expected \(expected), got \(value.kindName)")
    }

    func string(
        _ members: [String: JSONValue], _ key: String, at prefix: String, nonEmpty: Bool = false
    ) throws(ParleyError) -> String? {
        guard let value = members[key], value != .null else { return nil }
        guard case .string(let text) = value else { throw mistake(prefix + key, "a string", value) }
        if nonEmpty, text.isEmpty { throw .config(path: path, "key '\(prefix)\(key)': must not be empty") }
        return text
    }

    func bool(_ members: [String: JSONValue], _ key: String, at prefix: String) throws(ParleyError) -> Bool? {
        guard let value = members[key], value != .null else { return nil }
        guard case .bool(let flag) = value else { throw mistake(prefix + key, "true or false", value) }
        return flag
    }

    func number(
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

    func integer(
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
