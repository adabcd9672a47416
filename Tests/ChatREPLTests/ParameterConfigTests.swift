import ChatClient
import ChatREPL
import Foundation
import Testing

@Suite("Config params: top level, profile, per model; precedence and origins")
struct ParameterConfigTests {
    let paths = Paths(environment: ["HOME": "/home/u"])

    func parse(_ json: String) throws(ParleyError) -> ConfigFile {
        try ConfigFile.parse(Data(json.utf8), path: "/c.json")
    }

    func resolve(_ json: String, flags: CommandLineSettings = CommandLineSettings()) throws -> RunSettings {
        var flags = flags
        flags.baseURL = flags.baseURL ?? "http://localhost:1/v1"
        return try RunSettings.resolve(flags: flags, environment: [:], file: try parse(json), paths: paths)
    }

    static let config = #"""
        {"temperature": 0.1, "params": {"seed": 1, "top_p": 0.5, "verbosity": "low", "custom": {"a": 1}},
         "models": {"m": {"params": {"seed": 2, "top_p": 0.6, "reasoning_effort": "high"}},
                    "other": {"params": {"seed": 9}}},
         "profiles": {"p": {"params": {"seed": 3}, "model": "m"}}}
        """#

    @Test func flagOverProfileOverModelOverTopLevel() throws {
        var settings = try resolve(Self.config)
        var parameters = settings.conversation.parameters
        #expect(settings.conversation.model == "gpt-4o-mini")
        #expect(parameters["seed"] == .number(1))
        #expect(parameters["temperature"] == .number(0.1))
        #expect(parameters["custom"] == .object(["a": .number(1)]))
        #expect(settings.origins.parameters["seed"]?.source == .config)

        var flags = CommandLineSettings()
        flags.model = "m"
        settings = try resolve(Self.config, flags: flags)
        parameters = settings.conversation.parameters
        #expect(parameters["seed"] == .number(2))
        #expect(parameters["top_p"] == .number(0.6))
        #expect(parameters["verbosity"] == .string("low"))
        #expect(settings.origins.parameters["seed"]?.source == .model)
        #expect(settings.origins.parameters["verbosity"]?.source == .config)
        #expect(settings.origins.model.source == .flag)

        flags.profile = "p"
        settings = try resolve(Self.config, flags: flags)
        #expect(settings.conversation.parameters["seed"] == .number(3))
        #expect(settings.conversation.parameters["top_p"] == .number(0.6))
        #expect(settings.origins.parameters["seed"]?.source == .profile)

        flags.parameters["seed"] = .number(4)
        settings = try resolve(Self.config, flags: flags)
        #expect(settings.conversation.parameters["seed"] == .number(4))
        #expect(settings.origins.parameters["seed"]?.source == .flag)
    }

    @Test func perModelParametersFollowTheModel() throws {
        var flags = CommandLineSettings()
        flags.model = "m"
        flags.parameters["top_p"] = .number(0.9)
        let settings = try resolve(Self.config, flags: flags)
        var parameters = settings.conversation.parameters
        var origins = settings.origins
        settings.parameterLayers.switchModel(from: "m", to: "other", parameters: &parameters, origins: &origins)
        #expect(parameters["seed"] == .number(9))
        #expect(parameters["reasoning_effort"] == nil)
        #expect(parameters["top_p"] == .number(0.9))  // the flag's stays
        settings.parameterLayers.switchModel(from: "other", to: "plain", parameters: &parameters, origins: &origins)
        #expect(parameters["seed"] == .number(1))  // the top level's again
        #expect(origins.parameters["seed"]?.source == .config)
    }

    @Test(arguments: [
        (#"{"params": 3}"#, "key 'params': expected an object of request parameters"),
        (#"{"params": {"temperature": 5}}"#, "key 'params.temperature': expected a number from 0 to 2, got 5"),
        (#"{"params": {"reasoning_effort": "max"}}"#, "key 'params.reasoning_effort': expected one of none"),
        (#"{"params": {"stop": [1]}}"#, "key 'params.stop': expected a text, or a JSON array"),
        (#"{"params": {"model": "x"}}"#, "key 'params.model': not a request parameter"),
        (#"{"profiles": {"p": {"params": {"top_p": 2}}}}"#, "key 'profiles.p.params.top_p': expected a number from 0"),
        (#"{"models": {"m": {"params": {"seed": 1.5}}}}"#, "key 'models.m.params.seed': expected a whole number"),
        (#"{"models": {"m": {"parms": {}}}}"#, "unknown key 'models.m.parms'"),
    ])
    func badParamsNameTheKey(json: String, message: String) {
        #expect {
            _ = try parse(json)
        } throws: { error in
            guard case ParleyError.config(_, let problem) = error else { return false }
            return problem.contains(message)
        }
    }

    @Test func maxCompletionTokensIsMaxTokens() throws {
        let settings = try resolve(#"{"params": {"max_completion_tokens": 77}}"#)
        #expect(settings.conversation.maxTokens == 77)
    }

    @Test func aSessionKeepsEveryParameterPassthroughIncluded() throws {
        var settings = ConversationSettings(model: "m")
        settings.parameters["seed"] = .number(5)
        settings.parameters["stop"] = .array([.string("END")])
        settings.parameters["top_k"] = .number(40)
        settings.parameters["custom"] = .object(["x": .bool(true)])
        let data = try JSONEncoder().encode(settings)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""other_params""#))
        let decoded = try JSONDecoder().decode(ConversationSettings.self, from: data)
        #expect(decoded == settings)
        let request = Conversation(settings: decoded).request(stream: false)
        #expect(request.parameters["top_k"] == .number(40))
        #expect(request.parameters["seed"] == .number(5))
    }

    @Test func resumedOriginsNameFlagsAndTheSession() {
        var settings = ConversationSettings(model: "m")
        settings.parameters["seed"] = .number(5)
        settings.parameters["top_p"] = .number(0.2)
        var flags = CommandLineSettings()
        flags.parameters["top_p"] = .number(0.2)
        let origins = SettingOrigins.resumed(settings, flags: flags)
        #expect(origins.parameters["seed"]?.source == .session)
        #expect(origins.parameters["top_p"]?.source == .flag)
        #expect(origins.model.source == .session)
        #expect(SettingOrigins.source(of: .number(6), recorded: origins.parameters["seed"]) == .command)
    }
}
