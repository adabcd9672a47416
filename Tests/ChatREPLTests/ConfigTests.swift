import ChatClient
import ChatREPL
import Foundation
import Testing
import Tools

@Suite("Config files and precedence")
struct ConfigTests {
    let paths = Paths(environment: ["HOME": "/home/u"])

    func parse(_ json: String) throws(ParleyError) -> ConfigFile {
        try ConfigFile.parse(Data(json.utf8), path: "/c.json")
    }

    @Test(arguments: [
        (#"{"temprature": 1}"#, "unknown key 'temprature'"),
        (#"{"temperature": "hot"}"#, "key 'temperature': expected a number from 0 to 2, got a string"),
        (#"{"temperature": 3}"#, "key 'temperature': expected a number from 0 to 2, got 3"),
        (#"{"max_tokens": 1.5}"#, "key 'max_tokens': expected a whole number"),
        (#"{"timeouts": {"idle": -1}}"#, "key 'timeouts.idle': expected a number from"),
        (#"{"timeouts": {"total": 5}}"#, "unknown key 'timeouts.total'"),
        (#"{"base_url": "localhost:11434"}"#, "key 'base_url': expected a URL starting with http://"),
        (#"{"profiles": {"x": {"model": 3}}}"#, "key 'profiles.x.model': expected a string, got a number"),
        (#"{"default_profile": "nope"}"#, "no profile named 'nope'"),
        (#"{"color": "blue"}"#, "key 'color': expected \"auto\", \"always\" or \"never\""),
        (#"[1, 2]"#, "must hold a JSON object, not an array"),
        (#"{"model": "#, "is not valid JSON"),
        (#"{"max_server_wait": 0}"#, "key 'max_server_wait': expected a number from 1 to 86400 (seconds), got 0"),
        (#"{"max_server_wait": "1m"}"#, "key 'max_server_wait': expected a number from 1 to 86400 (seconds), got a"),
        (#"{"api_key_command_timeout": 0}"#, "key 'api_key_command_timeout': expected a number from 0.1 to 3600"),
        (#"{"profiles": {"x": {"max_server_wait": -5}}}"#, "key 'profiles.x.max_server_wait': expected a number"),
    ])
    func badConfigNamesTheKeyAndWhatWasExpected(json: String, message: String) {
        #expect {
            _ = try parse(json)
        } throws: { error in
            guard case ParleyError.config(let path, let problem) = error else { return false }
            return path == "/c.json" && problem.contains(message)
        }
    }

    @Test func precedenceFlagEnvProfileFileDefault() throws {
        let file = try parse(
            #"{"model":"file-model","temperature":0.2,"system_prompt":"file","base_url":"http://file:1/v1","#
                + #""profiles":{"p":{"model":"profile-model","temperature":0.4}},"default_profile":"p"}"#)
        var flags = CommandLineSettings()
        var settings = try RunSettings.resolve(flags: flags, environment: [:], file: file, paths: paths)
        #expect(settings.conversation.model == "profile-model")
        #expect(settings.conversation.temperature == 0.4)
        #expect(settings.conversation.systemPrompt == "file")
        #expect(settings.server.baseURL.description == "http://file:1/v1")
        settings = try RunSettings.resolve(
            flags: flags, environment: ["OPENAI_BASE_URL": "http://env:2/v1"], file: file, paths: paths)
        #expect(settings.server.baseURL.description == "http://env:2/v1")
        flags.model = "flag-model"
        flags.baseURL = "http://flag:3/v1"
        settings = try RunSettings.resolve(
            flags: flags, environment: ["OPENAI_BASE_URL": "http://env:2/v1"], file: file, paths: paths)
        #expect(settings.conversation.model == "flag-model")
        #expect(settings.server.baseURL.description == "http://flag:3/v1")
    }

    @Test func defaultsNeedAKeyForOpenAI() {
        #expect {
            _ = try RunSettings.resolve(
                flags: CommandLineSettings(), environment: [:], file: ConfigFile(), paths: paths)
        } throws: { error in
            guard case ParleyError.setup(let message) = error else { return false }
            return message.contains("export OPENAI_API_KEY") && (error as? ParleyError)?.exitStatus == .config
        }
    }

    @Test func theEnvironmentKeyIsNotSentToAnotherHostUnlessAsked() throws {
        var flags = CommandLineSettings()
        flags.baseURL = "http://localhost:11434/v1"
        let env = ["OPENAI_API_KEY": "sk-secret"]
        var settings = try RunSettings.resolve(flags: flags, environment: env, file: ConfigFile(), paths: paths)
        #expect(settings.server.apiKey == nil)
        #expect(settings.keyNote.contains("not sent to localhost"))
        flags.apiKeyEnv = "OPENAI_API_KEY"
        settings = try RunSettings.resolve(flags: flags, environment: env, file: ConfigFile(), paths: paths)
        #expect(settings.server.apiKey == "sk-secret")
        settings = try RunSettings.resolve(
            flags: CommandLineSettings(), environment: env, file: ConfigFile(), paths: paths)
        #expect(settings.server.apiKey == "sk-secret")  // api.openai.com
        settings = try RunSettings.resolve(
            flags: CommandLineSettings(),
            environment: env.merging(["OPENAI_BASE_URL": "https://openrouter.ai/api/v1"]) { $1 },
            file: ConfigFile(), paths: paths)
        #expect(settings.server.apiKey == "sk-secret")  // base URL and key both from the environment
        #expect(!settings.keyNote.contains("sk-secret"))
    }

    @Test func headersFromEnvironmentAndConfig() throws {
        let file = try parse(#"{"organization":"org-file","headers":{"X-Title":"Parley"}}"#)
        let settings = try RunSettings.resolve(
            flags: CommandLineSettings(), environment: ["OPENAI_API_KEY": "k", "OPENAI_PROJECT_ID": "proj"], file: file,
            paths: paths)
        let headers = Dictionary(settings.server.headers.map { ($0.name, $0.value) }) { $1 }
        #expect(headers["OpenAI-Organization"] == "org-file")
        #expect(headers["OpenAI-Project"] == "proj")
        #expect(headers["X-Title"] == "Parley")
        #expect(headers["User-Agent"]?.hasPrefix("parley/") == true)
    }

    @Test func xdgPaths() {
        let paths = Paths(environment: ["HOME": "/h", "XDG_DATA_HOME": "/d", "XDG_STATE_HOME": "relative"])
        #expect(paths.config == "/h/.config/parley/config.json")
        #expect(paths.sessions == "/d/parley/sessions")
        #expect(paths.history == "/h/.local/state/parley/history")
    }

    @Test func theExampleConfigIsValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("config.example.json").path
        let file = try ConfigFile.load(path: path, mustExist: true)
        #expect(!file.profiles.isEmpty)
        // Its tool is valid too (issue 12): a bad one would only be a notice at start-up.
        #expect(file.tools.problems.isEmpty)
        #expect(file.tools.tools.map(\.name) == ["weather"])
    }
}
