import ChatClient
import Render

/// `/set`, `/unset`, `/settings` and `/reasoning`: any request parameter, and what is in force.
extension REPL {
    /// `/set KEY VALUE`: a known key typed and range-checked, any other sent as JSON (or as a
    /// string); `/set KEY` shows it; `/set` alone shows every setting.
    func setOption(_ argument: String) {
        let trimmed = argument.strippedOfWhitespace
        guard !trimmed.isEmpty else { return showSettings() }
        let name = String(trimmed.prefix { !$0.isWhitespace })
        let value = String(trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" })
        let key = ParameterValue.aliases[name] ?? name
        if value.isEmpty {
            let shown = conversation.settings.parameters[key].map(ParameterValue.text) ?? "not set"
            console.say(SafeText.neutralized("\(key): \(shown)"))
            return
        }
        do throws(ParameterProblem) {
            let (key, parsed) = try ParameterValue.parse(name: name, value: value)
            conversation.settings.parameters[key] = parsed
            origins.parameters[key] = .init(source: .command, value: parsed)
            console.say("\(key): \(ParameterValue.text(parsed))")
            if !ParameterValue.isKnown(key) {
                console.notice(ParameterNotice.unknown(key))
            }
        } catch {
            console.error(.init(message: "\(error.message) (nothing changed)"))
        }
    }

    /// `/unset KEY`: the parameter is no longer sent (the server's default applies).
    func unsetOption(_ argument: String) {
        let name = argument.strippedOfWhitespace
        let key = ParameterValue.aliases[name] ?? name
        guard !key.isEmpty, !key.contains(where: \.isWhitespace) else {
            return rejectValue("/unset takes one parameter name (e.g. /unset seed)", got: argument)
        }
        guard conversation.settings.parameters[key] != nil else {
            let set = conversation.settings.parameters.values.keys.sorted().joined(separator: ", ")
            console.error(.init(message: "\(key) is not set" + (set.isEmpty ? "" : " (set: \(set))")))
            return
        }
        conversation.settings.parameters[key] = nil
        origins.parameters[key] = nil
        console.say("\(key): not set (the server's default)")
    }

    /// `/reasoning low|medium|high|off`: sets or removes reasoning_effort.
    func setReasoning(_ argument: String) {
        let spec = ParameterSpec.reasoningEffort
        let word = argument.strippedOfWhitespace.lowercased()
        if word.isEmpty {
            let shown = conversation.settings.parameters[spec.name].map(ParameterValue.text) ?? "off (not sent)"
            console.say("reasoning_effort: \(shown)")
        } else if word == "off" {
            conversation.settings.parameters[spec.name] = nil
            origins.parameters[spec.name] = nil
            console.say("reasoning_effort: off (not sent)")
        } else if let value = spec.value(parsing: word) {
            conversation.settings.parameters[spec.name] = value
            origins.parameters[spec.name] = .init(source: .command, value: value)
            console.say("reasoning_effort: \(ParameterValue.text(value))")
        } else {
            rejectValue("/reasoning takes low, medium, high or off (also none or minimal)", got: argument)
        }
    }

    /// `/settings`: every setting in force and where it came from.
    func showSettings() {
        let settings = conversation.settings
        var rows: [(String, String, SettingSource?)] = []
        rows.append(
            (
                "model", SafeText.neutralized(settings.model),
                SettingOrigins.source(of: .string(settings.model), recorded: origins.model)
            ))
        rows.append(("base_url", settings.baseURL ?? "", nil))
        let system = settings.systemPrompt.map { Conversation.oneLine($0, limit: 60) }
        rows.append(
            (
                "system_prompt", system.map { "\"\(SafeText.neutralized($0))\"" } ?? "none",
                SettingOrigins.source(of: settings.systemPrompt.map { .string($0) }, recorded: origins.systemPrompt)
            ))
        if let role = settings.role {
            let how = settings.roleTemplate != nil ? "each message is placed in its text" : "its system prompt"
            rows.append(("role", "\(SafeText.neutralized(role))  [\(how)]", nil))
        }
        for (name, value) in settings.parameters.values.sorted(by: { $0.key < $1.key }) {
            let shown = SafeText.neutralized(ParameterValue.text(value))
            let note = ParameterValue.isKnown(name) ? "" : "  [not known to Parley: sent as given]"
            rows.append(
                (
                    SafeText.neutralized(name), shown + note,
                    SettingOrigins.source(of: value, recorded: origins.parameters[name])
                ))
        }
        rows.append(("stream", runner.stream ? "on" : "off", nil))
        if let structured = runner.structured {
            rows.append(
                ("response_format", structured.schema == nil ? "json_object (--json)" : "json_schema (--schema)", .flag)
            )
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { name, value, source in
            name + String(repeating: " ", count: width - name.count + 2) + value
                + (source.map { "  (\($0.label))" } ?? "")
        }
        if settings.parameters.isEmpty { lines.append("no request parameters set: the server's defaults apply") }
        console.say(lines.joined(separator: "\n"))
    }

    /// After `/model`: the config's per-model parameters follow the model.
    func followModelParameters(from old: String) {
        let new = conversation.settings.model
        guard old != new else { return }
        origins.model = .init(source: .command, value: .string(new))
        switchModelParameters(from: old)
    }

    /// The config's per-model parameters of `old` taken out and those of the model now in
    /// force laid in (after /model, and after /role or /role off changed the model).
    func switchModelParameters(from old: String) {
        let new = conversation.settings.model
        guard old != new else { return }
        var parameters = conversation.settings.parameters
        parameterLayers.switchModel(from: old, to: new, parameters: &parameters, origins: &origins)
        if parameters != conversation.settings.parameters {
            conversation.settings.parameters = parameters
            console.notice("note: the config's parameters for \(SafeText.neutralized(new)) are in force (/settings)")
        }
    }

    /// With `--json` / `--schema`, the reply just received is checked and what is wrong said.
    func checkStructuredReply() {
        guard let structured = runner.structured, let index = conversation.messages.indices.last,
            conversation.messages[index].role == .assistant, let info = conversation.info[index], !info.interrupted
        else { return }
        let problems = structured.problems(
            reply: conversation.messages[index].content, finishReason: info.finishReason)
        guard !problems.isEmpty else { return }
        console.error(
            .init(
                message: "the reply does not match what was asked for: " + problems.joined(separator: "; "),
                advice: "/retry asks again"))
    }
}
