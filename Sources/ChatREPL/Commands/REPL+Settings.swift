import ChatClient
import Render

/// The handlers of the commands that change the conversation's settings.
extension REPL {
    func setSystemPrompt(_ argument: String) {
        if argument.isEmpty {
            console.say(conversation.settings.systemPrompt.map { "system prompt: \($0)" } ?? "no system prompt")
        } else if argument == "off" {
            conversation.settings.systemPrompt = nil
            console.say("system prompt removed")
        } else {
            conversation.settings.systemPrompt = argument
            console.say("system prompt set")
        }
    }

    func setTemperature(_ argument: String) {
        setParameter(.temperature, argument, command: .temperature, unset: "not set (the server's default)")
    }

    func setMaxTokens(_ argument: String) {
        setParameter(.maxTokens, argument, command: .maxTokens, unset: "off (no limit)")
    }

    /// Shows, sets (checked against the parameter's range) or removes one request parameter.
    private func setParameter(_ spec: ParameterSpec, _ argument: String, command: SlashCommand, unset: String) {
        func shown() -> String {
            conversation.settings.parameters[spec.name]?.numberValue.map(Format.number) ?? unset
        }
        if argument.isEmpty {
            console.say("\(spec.name): \(shown())")
        } else if argument == "off" || argument == "none" {
            conversation.settings.parameters[spec.name] = nil
            console.say("\(spec.name): \(unset)")
        } else if let value = spec.value(parsing: argument) {
            conversation.settings.parameters[spec.name] = value
            console.say("\(spec.name): \(shown())")
        } else {
            rejectValue("\(command.name) takes \(spec.accepted), or off", got: argument)
        }
    }

    func setModel(_ argument: String) {
        if argument.isEmpty {
            console.say("model: \(SafeText.neutralized(conversation.settings.model))")
        } else if argument.contains(where: { $0.isWhitespace || $0.isNewline }) {
            rejectValue("a model name has no spaces", got: argument)
        } else {
            let old = conversation.settings.model
            conversation.settings.model = argument
            console.say("model: \(argument)")
            followModelParameters(from: old)
        }
    }
}
