import ChatClient

extension RunSettings {
    /// The key and where it came from. A key source named by a flag or the config goes to any
    /// host; OPENAI_API_KEY only to OpenAI's own host or to a base URL that also came from the
    /// environment. Hosts that need a key (OpenAI, Azure) without one are refused.
    static func resolveKey(
        flags: CommandLineSettings, fields: ConfigFields, file: ConfigFile, baseURL: BaseURL,
        baseURLFromEnvironment: Bool, azure: Bool, environment: [String: String], runCommand: CommandRunner
    ) throws(ParleyError) -> (key: String?, note: String) {
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let source = flags.apiKeyEnv.map(KeySource.environment) ?? fields.keySource
        var key: String?
        var note: String
        switch source {
        case .environment(let name):
            guard let value = env(name) else {
                throw .setup("the API key variable \(name) (from api_key_env or --api-key-env) is not set")
            }
            (key, note) = (value, "the key comes from \(name)")
        case .file(let path):
            let expanded = path.hasPrefix("~/") ? (env("HOME") ?? "") + path.dropFirst() : path
            guard let mode = FileSystem.permissions(expanded) else {
                throw .setup("api_key_file \(expanded) cannot be read (no such file?)")
            }
            if mode & 0o044 != 0 {
                throw .setup(
                    "api_key_file \(expanded) can be read by other users (mode \(String(mode, radix: 8))); "
                        + "run `chmod 600 \(expanded)` first")
            }
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(expanded)
            } catch {
                throw .setup("api_key_file \(expanded) cannot be read")
            }
            let value = String(decoding: bytes, as: UTF8.self).strippedOfWhitespace
            guard !value.isEmpty else { throw .setup("api_key_file \(expanded) is empty") }
            (key, note) = (value, "the key comes from the file \(expanded)")
        case .command(let command):
            let limit = fields.keyCommandTimeout ?? defaultKeyCommandTimeout
            let value = try runCommand(command, limit).strippedOfWhitespace
            guard !value.isEmpty, !value.contains("\n") else {
                throw .setup("api_key_command `\(command)` printed \(value.isEmpty ? "nothing" : "more than one line")")
            }
            (key, note) = (value, "the key comes from the command `\(command)`")
        case .literal(let value):
            if file.readableByOthers {
                throw .setup(
                    "the config file \(file.path ?? "") holds an API key but other users can read it; "
                        + "run `chmod 600 \(file.path ?? "FILE")`, or use api_key_env, api_key_file or api_key_command")
            }
            (key, note) = (value, "the key comes from the config file")
        case nil:
            let variable = azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"
            if let value = env(variable) {
                if azure || baseURL.isOpenAI || baseURLFromEnvironment {
                    (key, note) = (value, "the key comes from \(variable)")
                } else {
                    note =
                        "\(variable) is not sent to \(baseURL.host); to send it, set \"api_key_env\": \"\(variable)\" in the config or pass --api-key-env \(variable)"
                }
            } else {
                note =
                    "no API key is set; \(variable), or the config's api_key_env, api_key_file or api_key_command gives one"
            }
        }
        if key == nil, baseURL.isOpenAI || baseURL.isAzure {
            let variable = azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY"
            throw .setup(
                "no API key for \(baseURL.host): set one with `export \(variable)=…` (or give it in the config with api_key_env, "
                    + "api_key_file or api_key_command); for a local server, give its address with --base-url or OPENAI_BASE_URL"
            )
        }
        if let key {
            try checkKey(key, note: note)
            Secrets.register(key)
        }
        return (key, note)
    }

    /// A key is one line of printable ASCII. A line break or another control character (a
    /// Windows line end, a second line in a key file) is refused here, with words that never
    /// echo the key, instead of reaching the HTTP library, whose error would print it.
    static func checkKey(_ key: String, note: String) throws(ParleyError) {
        let scalars = Array(key.unicodeScalars)
        guard let bad = scalars.firstIndex(where: { $0.value < 0x21 || $0.value > 0x7E }) else { return }
        let what =
            switch scalars[bad].value {
            case 0x0A, 0x0D: "a line break"
            case 0x20: "a space"
            case 0x00..<0x20, 0x7F: "a control character"
            default: "a character that is not printable ASCII"
            }
        throw .setup(
            "the API key contains \(what) (character \(bad + 1) of \(scalars.count)); \(note). "
                + "A key is one line of printable ASCII: check the source for a second line or a Windows line end")
    }
}
