import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@testable import ChatREPL

/// Roles as the server sees them: what a request carries with `-r`, `-p` and `/role`.
@Suite("Roles in requests", .serialized)
struct RoleRequestTests {
    /// Settings resolved as the binary resolves them, with the config directory in `home`.
    func settings(
        _ flags: CommandLineSettings, home: String, server: TestServer, config: ConfigFile = ConfigFile()
    ) throws -> RunSettings {
        var flags = flags
        flags.baseURL = server.baseURL
        let environment = ["HOME": home, "SHELL": "/bin/bash"]
        var settings = try RunSettings.resolve(
            flags: flags, environment: environment, file: config, paths: Paths(environment: environment))
        try settings.applyRole(flags: flags, environment: environment)
        return settings
    }

    func writeRole(_ name: String, _ text: String, home: String) throws {
        let directory = home + "/.config/parley/roles"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/" + name + ".md"))
    }

    func oneShot(_ settings: RunSettings, flags: CommandLineSettings, prompt: String) async -> (
        ChatREPL.ExitStatus, String
    ) {
        let out = RecordingSink()
        let err = RecordingSink()
        let context = RunContext(
            settings: settings, flags: flags, console: Console(out: out, err: err, style: .plain),
            makeTransport: { LiveTransport.make(connectTimeout: 5) }, prober: NetworkProbe())
        let status = await OneShot(context: context, interrupts: InterruptController()).run(prompt: prompt) { 0 }
        return (status, err.text)
    }

    func body(_ server: TestServer) throws -> [String: Any] {
        let request = try #require(server.requests.last { $0.method == "POST" })
        return try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    }

    @Test func aRoleFileSetsTheSystemPromptModelAndParameters() async throws {
        try await withTemporaryDirectory { home in
            try writeRole(
                "reviewer",
                "---\nmodel: role-model\ntemperature: 0.3\ntop_p: 0.5\nmirostat: 2\n---\nReview for {{focus}}.\n",
                home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.role = "reviewer"
            flags.roleValues = ["focus": "security"]
            let run = try settings(flags, home: home, server: server)
            let (status, notices) = await oneShot(run, flags: flags, prompt: "the diff")
            await server.shutdown()
            #expect(status == .ok)
            let sent = try body(server)
            #expect(sent["model"] as? String == "role-model")
            #expect(sent["temperature"] as? Double == 0.3)
            #expect(sent["top_p"] as? Double == 0.5)
            #expect(sent["mirostat"] as? Double == 2)
            #expect(
                messages(sent) == [
                    ["role": "system", "content": "Review for security."], ["role": "user", "content": "the diff"],
                ])
            #expect(notices.contains("mirostat") && notices.contains("Parley knows; sent to the server as written"))
        }
    }

    @Test func theCommandLineWinsOverTheRoleAndTheRoleOverTheConfig() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("r", "---\nmodel: role-model\ntemperature: 0.3\nmax_tokens: 50\n---\nBe brief.", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.role = "r"
            flags.model = "flag-model"
            flags.parameters.temperature = 1.5
            var config = ConfigFile()
            config.fields.systemPrompt = "config prompt"
            config.fields.parameters.maxTokens = 999
            config.fields.parameters["top_p"] = .number(0.1)
            let run = try settings(flags, home: home, server: server, config: config)
            _ = await oneShot(run, flags: flags, prompt: "q")
            await server.shutdown()
            let sent = try body(server)
            #expect(sent["model"] as? String == "flag-model")
            #expect(sent["temperature"] as? Double == 1.5)
            #expect(sent["max_tokens"] as? Double == 50)
            #expect(sent["top_p"] as? Double == 0.1)
            #expect(messages(sent).first == ["role": "system", "content": "Be brief."])
        }
    }

    @Test func anInputRoleSendsOneUserMessageAndTheSessionRecordsIt() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("emoji", "convert __INPUT__ to emoji", home: home)
            let server = try await TestServer(always: streamReply("😠"))
            var flags = CommandLineSettings()
            flags.role = "emoji"
            flags.sessionPath = home + "/s.json"
            var config = ConfigFile()
            config.fields.systemPrompt = "config prompt"
            let run = try settings(flags, home: home, server: server, config: config)
            _ = await oneShot(run, flags: flags, prompt: "angry")
            // Resumed without -r: the role and its text are kept.
            var again = flags
            again.role = nil
            _ = await oneShot(
                try settings(again, home: home, server: server, config: config), flags: again, prompt: "happy")
            await server.shutdown()
            let sent = try body(server)
            #expect(
                messages(sent) == [
                    ["role": "user", "content": "convert angry to emoji"], ["role": "assistant", "content": "😠"],
                    ["role": "user", "content": "convert happy to emoji"],
                ])
            let file = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: home + "/s.json")))
            let saved = try #require((file as? [String: Any])?["settings"] as? [String: Any])
            #expect(saved["role"] as? String == "emoji")
            #expect(saved["role_template"] as? String == "convert {{input}} to emoji")
            #expect(saved["system_prompt"] == nil)
        }
    }

    @Test func roleOnAResumedSessionReplacesItsSystemPromptUnderTheFlags() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("terse", "---\ntemperature: 0.1\nmax_tokens: 20\n---\nBe terse.", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.sessionPath = home + "/s.json"
            flags.systemPrompt = "first prompt"
            _ = await oneShot(try settings(flags, home: home, server: server), flags: flags, prompt: "one")
            flags.systemPrompt = nil
            flags.role = "terse"
            flags.parameters.maxTokens = 40
            _ = await oneShot(try settings(flags, home: home, server: server), flags: flags, prompt: "two")
            await server.shutdown()
            let sent = try body(server)
            #expect(messages(sent).first == ["role": "system", "content": "Be terse."])
            #expect(messages(sent).count == 4)
            #expect(sent["temperature"] as? Double == 0.1)
            #expect(sent["max_tokens"] as? Double == 40)
            let loaded = try SessionStore(directory: home).load(home + "/s.json")
            #expect(loaded.settings.role == "terse")
            #expect(loaded.settings.systemPrompt == "Be terse.")
        }
    }

    @Test func fewShotExamplesFollowTheSystemPromptAndAreSavedWithTheSession() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("emoji", "Reply with emoji.\n### INPUT:\nhappy\n### OUTPUT:\n😀\n", home: home)
            let server = try await TestServer(always: streamReply("😠"))
            var flags = CommandLineSettings()
            flags.role = "emoji"
            flags.sessionPath = home + "/s.json"
            _ = await oneShot(try settings(flags, home: home, server: server), flags: flags, prompt: "angry")
            flags.role = nil
            _ = await oneShot(try settings(flags, home: home, server: server), flags: flags, prompt: "sad")
            await server.shutdown()
            #expect(
                messages(try body(server)) == [
                    ["role": "system", "content": "Reply with emoji."], ["role": "user", "content": "happy"],
                    ["role": "assistant", "content": "😀"], ["role": "user", "content": "angry"],
                    ["role": "assistant", "content": "😠"], ["role": "user", "content": "sad"],
                ])
            let loaded = try SessionStore(directory: home).load(home + "/s.json")
            #expect(loaded.messages.count == 4)
            #expect(loaded.turnCount == 2)
            // parley export --format json writes the messages as a request sends them: examples too.
            let exported = try #require(
                try JSONSerialization.jsonObject(with: Data(ExportCommand.json(loaded).utf8)) as? [[String: Any]])
            #expect(
                exported.map { "\($0["role"] ?? ""): \($0["content"] ?? "")" } == [
                    "system: Reply with emoji.", "user: happy", "assistant: 😀", "user: angry", "assistant: 😠",
                    "user: sad", "assistant: 😠",
                ])
        }
    }

    @Test func aMissingVariableAndAnUnknownRoleAreClearErrors() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("translate", "Translate into {{lang}}.", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.role = "translate"
            #expect(
                throws: ParleyError.usage(
                    "role 'translate' needs a value for {{lang}}: give it with -p lang=VALUE, or a default under variables: in \(home)/.config/parley/roles/translate.md"
                )
            ) {
                try settings(flags, home: home, server: server)
            }
            flags.role = "nope"
            #expect(throws: ParleyError.usage("no role named 'nope'; the roles are: code, shell, translate")) {
                try settings(flags, home: home, server: server)
            }
            flags.role = nil
            flags.roleValues = ["lang": "fr"]
            #expect(throws: ParleyError.usage("-p lang=… sets a role's variable: name the role with -r NAME")) {
                try settings(flags, home: home, server: server)
            }
            await server.shutdown()
            #expect(server.requests.isEmpty)
        }
    }

    @Test func filesThatAreNotRolesAreRefusedWithTheirPath() async throws {
        try await withTemporaryDirectory { home in
            let directory = home + "/.config/parley/roles"
            try writeRole("big", String(repeating: "x", count: (1 << 20) + 1), home: home)
            try writeRole("binary", "", home: home)
            try Data([0x66, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: directory + "/binary.md"))
            try FileManager.default.createDirectory(atPath: directory + "/folder.md", withIntermediateDirectories: true)
            let catalog = RoleCatalog(directory: directory, environment: RoleEnvironment([:]))
            #expect(
                throws: ParleyError.setup(
                    "role file \(directory)/big.md is 1024 KB; a role file is at most 1 MB of text")
            ) {
                try catalog.load("big")
            }
            #expect(
                throws: ParleyError.setup(
                    "role file \(directory)/binary.md is not UTF-8 text; expected a prompt with optional YAML front matter"
                )
            ) {
                try catalog.load("binary")
            }
            #expect(throws: ParleyError.setup("role file \(directory)/folder.md cannot be read (it is a directory)")) {
                try catalog.load("folder")
            }
        }
    }

    @Test func aFileReplacesABuiltInRole() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("shell", "My own shell role.", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.role = "shell"
            #expect(try settings(flags, home: home, server: server).conversation.systemPrompt == "My own shell role.")
            await server.shutdown()
        }
    }

    // MARK: - /role in the REPL

    func repl(
        _ lines: [String], settings run: RunSettings, server: TestServer, terminal: TerminalState? = nil
    ) async -> (REPL, String, String) {
        let harness = Harness(server: server)
        let console = Console(
            out: harness.out, err: harness.err,
            style: Style(colorOut: false, colorErr: false, outIsTerminal: terminal != nil, terminal: terminal))
        let reader = ScriptedReader(lines)
        let runner = TurnRunner(
            client: harness.client, console: console, interrupts: InterruptController(), stream: true,
            spinner: false,
            errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: "none"),
            models: ModelTable(), maxCostPerSession: nil)
        let repl = REPL(
            conversation: Conversation(settings: run.conversation), runner: runner, reader: reader,
            console: console, autosave: Autosave(store: nil, path: nil, lock: nil, console: console),
            hooks: REPLHooks(roles: run.roles))
        repl.origins = run.origins
        repl.parameterLayers = run.parameterLayers
        _ = await repl.run()
        await harness.client.shutdown()
        return (repl, harness.out.text, harness.err.text)
    }

    @Test func roleTakesUpShowsDropsAndSwitches() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("terse", "---\ntemperature: 0.1\n---\nBe terse.", home: home)
            try writeRole("translate", "---\nvariables:\n  lang: German\n---\nInto {{lang}}: {{input}}", home: home)
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            var flags = CommandLineSettings()
            flags.systemPrompt = nil
            flags.parameters.maxTokens = 99
            var config = ConfigFile()
            config.fields.systemPrompt = "base prompt"
            config.fields.parameters.temperature = 0.7
            let run = try settings(flags, home: home, server: server, config: config)
            let (repl, out, err) = await repl(
                [
                    "/role", "/role terse", "/role", "one", "/role translate lang=French", "two", "/role off",
                    "three", "/role nope", "/role translate lang", "/role off extra",
                ], settings: run, server: server)
            await server.shutdown()
            let bodies = server.requests.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
            }
            try #require(bodies.count == 3)
            #expect(messages(bodies[0]).first == ["role": "system", "content": "Be terse."])
            #expect(bodies[0]["temperature"] as? Double == 0.1)
            #expect(bodies[0]["max_tokens"] as? Double == 99)
            #expect(messages(bodies[1]).first?["role"] == "user")
            #expect(messages(bodies[1]).last == ["role": "user", "content": "Into French: two"])
            #expect(bodies[1]["temperature"] as? Double == 0.7)
            #expect(messages(bodies[2]).first == ["role": "system", "content": "base prompt"])
            #expect(messages(bodies[2]).last == ["role": "user", "content": "three"])
            #expect(repl.conversation.settings.role == nil)
            #expect(out.contains("no role (/role NAME takes one up; parley roles lists them)"))
            #expect(out.contains("role: terse: system prompt set, temperature 0.1"))
            #expect(out.contains("role: terse (\(home)/.config/parley/roles/terse.md; its system prompt)"))
            #expect(out.contains("role: translate: each message is placed in its text"))
            #expect(out.contains("role translate dropped"))
            #expect(err.contains("no role named 'nope'; the roles are: code, shell, terse, translate"))
            #expect(err.contains("/role NAME takes its variables as VAR=VALUE; got \"lang\" (nothing changed)"))
            #expect(err.contains("/role off takes nothing after it"))
        }
    }

    /// A variable's value with spaces is quoted after /role NAME, as /attach takes its names.
    @Test func roleValuesWithSpacesAreQuoted() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("translate", "---\nvariables:\n  lang: German\n---\nInto {{lang}}: {{input}}", home: home)
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            let run = try settings(CommandLineSettings(), home: home, server: server)
            let (_, _, err) = await repl(
                [#"/role translate lang="Old English""#, "one", "/role translate 'lang=Middle Dutch", "two"],
                settings: run, server: server)
            await server.shutdown()
            let bodies = server.requests.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
            }
            try #require(bodies.count == 2)
            #expect(messages(bodies[0]).last == ["role": "user", "content": "Into Old English: one"])
            #expect(messages(bodies[1]).last == ["role": "user", "content": "Into Old English: two"])
            #expect(err.contains("/role takes NAME and VAR=VALUE words, quoted when they hold spaces"))
        }
    }

    /// /settings names the role as the source of what it set, and
    /// after /role off each setting is told as coming from where it came before.
    @Test func settingsTellWhatTheRoleSet() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("terse", "---\ntemperature: 0.1\nseed: 5\n---\nBe terse.", home: home)
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            var flags = CommandLineSettings()
            flags.parameters["seed"] = .number(9)
            var config = ConfigFile()
            config.fields.parameters.temperature = 0.7
            let run = try settings(flags, home: home, server: server, config: config)
            let (_, out, _) = await repl(
                ["/role terse", "/settings", "/role off", "/settings"], settings: run, server: server)
            await server.shutdown()
            let listings = out.components(separatedBy: "role terse dropped")
            try #require(listings.count == 2)
            let during = listings[0].split(separator: "\n").map(String.init)
            let after = listings[1].split(separator: "\n").map(String.init)
            #expect(during.contains { $0.hasPrefix("temperature ") && $0.hasSuffix("0.1  (role)") }, "\(during)")
            #expect(during.contains { $0.hasPrefix("system_prompt ") && $0.hasSuffix("(role)") }, "\(during)")
            #expect(
                during.contains { $0.hasPrefix("role ") && $0.hasSuffix("terse  [its system prompt]") }, "\(during)")
            #expect(!after.contains { $0.hasPrefix("role ") }, "\(after)")
            // /role taken up in the REPL is asked for now: its values win over the command line's.
            #expect(during.contains { $0.hasPrefix("seed ") && $0.hasSuffix("5  (role)") }, "\(during)")
            #expect(after.contains { $0.hasPrefix("seed ") && $0.hasSuffix("9  (command line)") }, "\(after)")
            #expect(after.contains { $0.hasPrefix("temperature ") && $0.hasSuffix("0.7  (config)") }, "\(after)")
            #expect(after.contains { $0.hasPrefix("system_prompt ") && $0.hasSuffix("none  (default)") }, "\(after)")
        }
    }

    /// A role that names a model brings the config's parameters for that model (as -m and
    /// /model do), and takes the old model's out; /role off gives them back.
    @Test func aRoleThatNamesAModelBringsThatModelsParameters() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("big", "---\nmodel: big-model\ntemperature: 0.2\n---\nBe thorough.", home: home)
            let server = try await TestServer { _, index in streamReply("r\(index)") }
            var config = ConfigFile()
            config.fields.model = "small-model"
            config.modelParameters["big-model"] = RequestParameters(["top_k": .number(40)])
            config.modelParameters["small-model"] = RequestParameters(["seed": .number(7)])
            var flags = CommandLineSettings()
            flags.role = "big"
            let started = try settings(flags, home: home, server: server, config: config)
            #expect(started.conversation.model == "big-model")
            #expect(started.conversation.parameters["top_k"] == .number(40))
            #expect(started.conversation.parameters["seed"] == nil)
            #expect(started.origins.parameters["top_k"]?.source == .model)

            let run = try settings(CommandLineSettings(), home: home, server: server, config: config)
            let (_, out, _) = await repl(
                ["/role big", "one", "/settings", "/role off", "two"], settings: run, server: server)
            await server.shutdown()
            let bodies = server.requests.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
            }
            try #require(bodies.count == 2)
            #expect(bodies[0]["model"] as? String == "big-model")
            #expect(bodies[0]["top_k"] as? Double == 40)
            #expect(bodies[0]["seed"] == nil)
            #expect(bodies[0]["temperature"] as? Double == 0.2)
            #expect(bodies[1]["model"] as? String == "small-model")
            #expect(bodies[1]["seed"] as? Double == 7)
            #expect(bodies[1]["top_k"] == nil)
            #expect(
                out.split(separator: "\n").contains { $0.hasPrefix("top_k ") && $0.hasSuffix("(config, per model)") })
        }
    }

    @Test func retrySendsTheMessageAsItWasSent() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("emoji", "convert __INPUT__ to emoji", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            var flags = CommandLineSettings()
            flags.role = "emoji"
            let run = try settings(flags, home: home, server: server)
            _ = await repl(["angry", "/retry"], settings: run, server: server)
            await server.shutdown()
            let bodies = server.requests.compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]
            }
            try #require(bodies.count == 2)
            #expect(messages(bodies[1]) == [["role": "user", "content": "convert angry to emoji"]])
        }
    }

    @Test func theBuiltInRolesPrintRepliesAsPlainTextUntilDropped() async throws {
        try await withTemporaryDirectory { home in
            try writeRole("prose", "Write prose.", home: home)
            try writeRole("plain", "---\nmarkdown: false\n---\nPlain.", home: home)
            let server = try await TestServer(always: streamReply("ok"))
            let run = try settings(CommandLineSettings(), home: home, server: server)
            let terminal = TerminalState(width: 80, height: 24, markdown: true)
            var seen: [Bool] = []
            for lines in [
                ["/role shell"], ["/role shell", "/role off"], ["/role code", "/role prose"], ["/role plain"],
            ] {
                terminal.markdown = true
                let (_, out, _) = await repl(lines, settings: run, server: server, terminal: terminal)
                seen.append(terminal.markdown)
                if lines == ["/role shell"] {
                    #expect(out.contains("role: shell: system prompt set, replies as plain text"))
                }
            }
            await server.shutdown()
            #expect(seen == [false, true, true, false])
        }
    }

    @Test func roleSaveWritesAFileThatReadsBackAndAsksBeforeReplacing() async throws {
        try await withTemporaryDirectory { home in
            let server = try await TestServer(always: streamReply("ok"))
            let run = try settings(CommandLineSettings(), home: home, server: server)
            let (_, out, err) = await repl(
                [
                    "/role save mine", "/system Answer in haiku: \"quoted\"\nsecond line", "/temperature 0.4",
                    "/role save mine", "/role save mine", "n", "/role save mine", "y", "/role save ../x",
                ], settings: run, server: server)
            await server.shutdown()
            let path = home + "/.config/parley/roles/mine.md"
            #expect(err.contains("there is no system prompt to save as a role"))
            #expect(out.contains("saved role mine to \(path)"))
            #expect(out.contains("not saved: \(path) is kept as it was"))
            #expect(err.contains("'../x' is not a role name"))
            let catalog = RoleCatalog(directory: home + "/.config/parley/roles", environment: RoleEnvironment([:]))
            let role = try catalog.load("mine")
            #expect(role.prompt == "Answer in haiku: \"quoted\"\nsecond line")
            #expect(role.parameters.temperature == 0.4)
            #expect(FileSystem.permissions(path) == 0o600)
        }
    }

    @Test func builtInVariablesDescribeTheMachine() throws {
        try withTemporaryDirectorySync { directory in
            let release = directory + "/os-release"
            try Data("NAME=\"Debian\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n".utf8)
                .write(to: URL(fileURLWithPath: release))
            var machine = RoleEnvironment(["SHELL": "/opt/bin/nu", "LC_ALL": "fr_FR.UTF-8"])
            machine.osRelease = release
            let role = RoleDefinition(
                name: "m", source: .builtIn, prompt: "{{__shell__}}|{{__os_distro__}}|{{__os__}}|{{__locale__}}")
            let active = try role.resolved(values: [:], environment: machine)
            #expect(active.systemPrompt == "nu|Debian GNU/Linux 12 (bookworm) (linux)|linux|fr_FR.UTF-8")
            machine.variables = [:]
            machine.osRelease = directory + "/missing"
            #expect(try role.resolved(values: [:], environment: machine).systemPrompt == "sh|linux|linux|C")
            // A value given wins over the machine's.
            #expect(
                try role.resolved(values: ["__shell__": "bash"], environment: machine).systemPrompt
                    == "bash|linux|linux|C")
        }
    }

    @Test func savedParametersOfEveryKindReadBackTheSame() throws {
        let parameters = RequestParameters([
            "temperature": .number(0.25), "max_tokens": .number(100), "stop": .array([.string("a: b"), .string("#")]),
            "logit_bias": .object(["50256": .number(-100)]), "top_p": .number(1e-5), "flag": .bool(true),
            "odd key": .string("yes"),
        ])
        let text = RoleFileText.make(prompt: "---\nprompt", parameters: parameters)
        let role = try RoleFrontMatter.parse(text, name: "x", path: "/x.md")
        #expect(role.parameters == parameters)
        #expect(role.prompt == "---\nprompt")
    }

    @Test func rolesListsFilesAndBuiltInsWithTheirFirstLine() throws {
        let out = RecordingSink()
        let err = RecordingSink()
        try withTemporaryDirectorySync { home in
            try writeRole("review", "\n\nReview the diff.\nMore lines.", home: home)
            try writeRole("code", "---\ndescription: my code role\n---\nCode.", home: home)
            try writeRole("broken", "---\ntemperature: [\n---\nx", home: home)
            try writeRole("my role", "x", home: home)
            let catalog = RoleCatalog(directory: home + "/.config/parley/roles", environment: RoleEnvironment([:]))
            let status = RolesCommand(catalog: catalog, console: Console(out: out, err: err, style: .plain)).run()
            #expect(status == .config)
        }
        let lines = out.text.split(separator: "\n").map { String($0) }
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("broken  "))
        #expect(lines[0].hasSuffix("(cannot be read: see below)"))
        #expect(lines[1].hasPrefix("code    (file, replaces the built-in)  my code role"))
        #expect(lines[2].hasPrefix("review  "))
        #expect(lines[2].hasSuffix("  Review the diff."))
        #expect(lines[3].hasPrefix("shell   (built in)"))
        #expect(lines[3].contains("Reply with exactly one command for {{__shell__}}"))
        #expect(err.text.contains("broken.md, line "))
        #expect(err.text.contains("/my role.md is not listed: a role's name is letters, digits, '-', '_' and '.'"))
    }
}

/// `withTemporaryDirectory` for a synchronous body.
func withTemporaryDirectorySync(_ body: (String) throws -> Void) throws {
    let directory = TemporaryDirectory()
    try body(directory.path)
}
