import ChatClient

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
        let spec = ParameterSpec.temperature
        if argument.isEmpty {
            console.say(
                "temperature: "
                    + (conversation.settings.temperature.map(Format.number) ?? "not set (the server's default)"))
        } else if argument == "off" {
            conversation.settings.temperature = nil
            console.say("temperature: not set (the server's default)")
        } else if let value = spec.value(parsing: argument) {
            conversation.settings.parameters[spec.name] = value
            console.say("temperature: \(Format.number(value.numberValue ?? 0))")
        } else {
            rejectValue("/temperature takes \(spec.accepted), or off", got: argument)
        }
    }

    func setMaxTokens(_ argument: String) {
        let spec = ParameterSpec.maxTokens
        if argument.isEmpty {
            console.say("max_tokens: " + (conversation.settings.maxTokens.map(String.init) ?? "off (no limit)"))
        } else if argument == "off" || argument == "none" {
            conversation.settings.maxTokens = nil
            console.say("max_tokens: off (no limit)")
        } else if let value = spec.value(parsing: argument) {
            conversation.settings.parameters[spec.name] = value
            console.say("max_tokens: \(conversation.settings.maxTokens.map(String.init) ?? argument)")
        } else {
            rejectValue("/max_tokens takes \(spec.accepted), or off", got: argument)
        }
    }

    func setModel(_ argument: String) {
        if argument.isEmpty {
            console.say("model: \(SafeWords.shown(conversation.settings.model))")
        } else if argument.contains(where: { $0.isWhitespace || $0.isNewline }) {
            rejectValue("a model name has no spaces", got: argument)
        } else {
            conversation.settings.model = argument
            console.say("model: \(argument)")
        }
    }
}
