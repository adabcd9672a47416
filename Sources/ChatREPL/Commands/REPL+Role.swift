import ChatClient
import Render

/// `/role`: show the role, take one up, drop it, or save the settings as a role file.
extension REPL {
    func role(_ argument: String) {
        // Words as /attach takes them: a value with spaces is quoted (/role translate lang="Old English").
        let words: [String]
        do {
            words = try ArgumentWords.split(argument)
        } catch {
            return rejectValue("/role takes NAME and VAR=VALUE words, quoted when they hold spaces", got: argument)
        }
        guard let first = words.first else { return showRole() }
        guard let context = hooks.roles else {
            console.error(.init(message: "roles are not available here"))
            return
        }
        switch first {
        case "off":
            guard words.count == 1 else { return rejectValue("/role off takes nothing after it", got: argument) }
            dropRole(context)
        case "save":
            guard words.count == 2 else { return rejectValue("/role save takes one NAME", got: argument) }
            saveRole(words[1], context: context)
        default:
            takeRole(first, arguments: Array(words.dropFirst()), context: context)
        }
    }

    private func showRole() {
        guard let name = conversation.settings.role else {
            return console.say("no role (/role NAME takes one up; parley roles lists them)")
        }
        let how = conversation.settings.roleTemplate != nil ? "each message is placed in its text" : "its system prompt"
        var origin = ""
        if let catalog = hooks.roles?.catalog, RoleCatalog.isValidName(name) {
            let path = catalog.path(of: name)
            origin =
                FileSystem.exists(path)
                ? path + "; " : BuiltInRoles.all[name] != nil ? "built in; " : "its file is gone; "
        }
        console.say("role: \(SafeText.neutralized(name)) (\(origin)\(how))")
    }

    private func takeRole(_ name: String, arguments: [String], context: RoleContext) {
        var values: [String: String] = [:]
        for argument in arguments {
            guard let (variable, value) = RoleValues.parse(argument) else {
                return rejectValue("/role NAME takes its variables as VAR=VALUE", got: argument)
            }
            values[variable] = value
        }
        let role: ActiveRole
        do throws(ParleyError) {
            let written = try context.catalog.load(name)
            // -p values given at start-up fill the variables this role has; the ones typed here win.
            let startValues = context.values.filter { written.variables.contains($0.key) }
            role = try written.resolved(
                values: startValues.merging(values) { $1 }, environment: context.catalog.environment)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
            return
        }
        let modelBefore = conversation.settings.model
        var settings = conversation.settings
        if let old = currentRole(context) {
            settings = old.removed(from: settings, baseline: context.baseline)
            if old.markdown == false { console.style.terminal?.markdown = context.markdown }
        }
        conversation.settings = role.applied(to: settings)
        activeRole = role
        switchRoleTools(to: role)
        // /settings tells what the role set; /role off gives each back to where it came from.
        if originsBeforeRole == nil { originsBeforeRole = origins }
        origins.forgetRole(restoring: originsBeforeRole ?? SettingOrigins())
        origins.record(role, in: conversation.settings, flags: CommandLineSettings())
        parameterLayers.role = role.parameters
        switchModelParameters(from: modelBefore)
        var parts = [role.inputTemplate != nil ? "each message is placed in its text" : "system prompt set"]
        if let model = role.model { parts.append("model \(SafeText.neutralized(model))") }
        for (key, value) in role.parameters.values.sorted(by: { $0.key < $1.key }) {
            parts.append("\(key) \(value.numberValue.map(Format.number) ?? value.stringValue ?? value.kindName)")
        }
        if role.markdown == false, console.style.terminal != nil { parts.append("replies as plain text") }
        console.say("role: \(name): " + parts.joined(separator: ", "))
        role.takeUp(on: console)
    }

    private func dropRole(_ context: RoleContext) {
        guard let name = conversation.settings.role else { return console.say("no role to drop") }
        let modelBefore = conversation.settings.model
        if let old = currentRole(context) {
            conversation.settings = old.removed(from: conversation.settings, baseline: context.baseline)
            if old.markdown == false { console.style.terminal?.markdown = context.markdown }
        } else {
            // A role this run cannot read again: its name and text go; its parameters stay.
            conversation.settings.role = nil
            conversation.settings.roleTemplate = nil
            conversation.settings.systemPrompt = context.baseline.systemPrompt
        }
        activeRole = nil
        switchRoleTools(to: nil)
        if let before = originsBeforeRole { origins.forgetRole(restoring: before) }
        originsBeforeRole = nil
        parameterLayers.role = RequestParameters()
        switchModelParameters(from: modelBefore)
        console.say("role \(SafeText.neutralized(name)) dropped")
    }

    /// The role in force, filled in: the one taken up in this run, else (a resumed session)
    /// the one its name loads, when it still loads.
    private func currentRole(_ context: RoleContext) -> ActiveRole? {
        guard let name = conversation.settings.role else { return nil }
        if let activeRole, activeRole.name == name { return activeRole }
        guard let role = try? context.catalog.load(name) else { return nil }
        let values = context.values.filter { role.variables.contains($0.key) }
        return try? role.resolved(values: values, environment: context.catalog.environment)
    }

    private func saveRole(_ name: String, context: RoleContext) {
        let settings = conversation.settings
        guard
            let prompt = settings.roleTemplate
                ?? settings.systemPrompt.map({ FewShotPrompt.join(system: $0, examples: settings.roleExamples) }),
            !prompt.strippedOfWhitespace.isEmpty
        else {
            console.error(
                .init(
                    message: "there is no system prompt to save as a role",
                    advice: "set one with /system TEXT, then /role save \(name)"))
            return
        }
        guard RoleCatalog.isValidName(name) else {
            return console.error(ErrorWording.words(for: RoleCatalog.nameProblem(name), context: nil))
        }
        let path = context.catalog.path(of: name)
        if FileSystem.exists(path) {
            switch reader.readLine(prompt: "\(path) exists; replace it? [y/N] ") {
            case .line(let answer) where ["y", "yes"].contains(answer.strippedOfWhitespace.lowercased()):
                break
            default:
                return console.say("not saved: \(path) is kept as it was")
            }
        }
        do throws(ParleyError) {
            let written = try context.catalog.write(
                RoleFileText.make(prompt: prompt, parameters: settings.parameters), as: name)
            let replaces = BuiltInRoles.all[name] != nil ? " (it replaces the built-in \(name))" : ""
            console.say("saved role \(name) to \(written)\(replaces)")
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    /// Turns off the tools the previous role turned on, and on the ones `role` names.
    public func switchRoleTools(to role: ActiveRole?) {
        guard let tools = runner.tools else { return }
        tools.disable(roleTools: roleTools)
        roleTools = role.map { tools.enable(roleTools: $0.tools, role: $0.name, console: console) } ?? []
    }
}
