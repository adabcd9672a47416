import ChatClient
import Testing

@testable import ChatREPL

@Suite("Role files: front matter, placeholders, variables, bad files")
struct RoleParsingTests {
    let path = "/home/me/.config/parley/roles/r.md"
    let machine = RoleEnvironment(["SHELL": "/usr/bin/zsh", "LANG": "C.UTF-8"])

    func parse(_ text: String) throws -> RoleDefinition {
        try RoleFrontMatter.parse(text, name: "r", path: path)
    }

    // MARK: - Front matter

    @Test func aFileWithoutFrontMatterIsAllPrompt() throws {
        let role = try parse("\nYou are a terse reviewer.\n---\nnot front matter\n")
        #expect(role.prompt == "You are a terse reviewer.\n---\nnot front matter")
        #expect(role.model == nil)
        #expect(role.parameters.isEmpty)
    }

    @Test func frontMatterKeys() throws {
        let role = try parse(
            """
            ---
            model: gpt-4o
            temperature: 0.2
            top_p: 0.9
            max_tokens: 300
            seed: 7
            stop: ["END", "\\n\\n"]
            logit_bias: {"50256": -100}
            use_tools: fs, web_search
            description: Reviews diffs
            ---

            Review this.
            """)
        #expect(role.prompt == "Review this.")
        #expect(role.model == "gpt-4o")
        #expect(role.parameters.temperature == 0.2)
        #expect(role.parameters["top_p"] == .number(0.9))
        #expect(role.parameters.maxTokens == 300)
        #expect(role.parameters["seed"] == .number(7))
        #expect(role.parameters["stop"] == .array([.string("END"), .string("\n\n")]))
        #expect(role.parameters["logit_bias"] == .object(["50256": .number(-100)]))
        #expect(role.tools == ["fs", "web_search"])
        #expect(role.description == "Reviews diffs")
        #expect(role.summary == "Reviews diffs")
    }

    @Test(arguments: [
        ("tools: [fs, web]", ["fs", "web"]),
        ("tools:\n  - fs\n  - web", ["fs", "web"]),
        ("use_tools: all", ["all"]),
    ])
    func toolsAsAListOrCommas(_ yaml: String, _ expected: [String]) throws {
        let role = try parse("---\n\(yaml)\n---\nhi")
        #expect(role.tools == expected)
        let active = try role.resolved(values: [:], environment: machine)
        #expect(active.tools == expected)
        #expect(active.notices.isEmpty)
    }

    @Test func anEmptyFrontMatterAndAKeyWithoutValueSetNothing() throws {
        #expect(try parse("---\n---\nhi").parameters.isEmpty)
        #expect(try parse("---\ntemperature:\n---\nhi").parameters.isEmpty)
    }

    @Test func unknownKeysPassThroughAsJSONAndAreSaidOnce() throws {
        let role = try parse("---\nmirostat: 2\nresponse_format: {type: json_object}\n---\nhi")
        #expect(role.parameters["mirostat"] == .number(2))
        #expect(role.parameters["response_format"] == .object(["type": .string("json_object")]))
        let notices = try role.resolved(values: [:], environment: machine).notices
        #expect(
            notices == [
                "role 'r': mirostat, response_format are not parameters Parley knows; sent to the server as written"
            ])
    }

    @Test func anAichatRoleFileReadsAsIs() throws {
        let role = try parse(
            """
            ---
            model: openai:gpt-4o
            temperature: 0
            top_p: 1
            use_tools: null
            ---
            convert __INPUT__ to emoji
            """)
        #expect(role.model == "openai:gpt-4o")
        #expect(role.tools.isEmpty)
        let active = try role.resolved(values: [:], environment: machine)
        #expect(active.systemPrompt == nil)
        #expect(active.inputTemplate == "convert {{input}} to emoji")
    }

    @Test func aichatsPromptKeyWhenTheFileHasNoText() throws {
        let role = try parse("---\ntemperature: 1\nprompt: |\n  Be brief.\n  Very.\n---\n")
        #expect(role.prompt == "Be brief.\nVery.")
        #expect(role.parameters["prompt"] == nil)
    }

    @Test func windowsLineEndsAndAByteOrderMark() throws {
        let role = try parse("\u{FEFF}---\r\ntemperature: 1\r\n---\r\nline one\r\nline two\r\n")
        #expect(role.parameters.temperature == 1)
        #expect(role.prompt == "line one\nline two")
    }

    // MARK: - Placeholders

    @Test(arguments: [
        ("Translate: {{input}}", "Translate: hello"),
        ("Translate: {{ input }}", "Translate: hello"),
        ("Translate: __INPUT__ please", "Translate: hello please"),
        ("{{input}} and again {{input}}", "hello and again hello"),
    ])
    func theInputIsPlacedInTheText(_ prompt: String, _ sent: String) throws {
        let active = try RoleDefinition(name: "r", source: .builtIn, prompt: prompt).resolved(
            values: [:], environment: machine)
        #expect(active.systemPrompt == nil)
        var settings = ConversationSettings(model: "m")
        settings = active.applied(to: settings)
        #expect(settings.userText(for: "hello") == sent)
    }

    @Test func theInputIsNeverReadForPlaceholders() {
        let text = RoleTemplate.placeInput("a {{input}} and __INPUT__ and {{lang}}", in: "say: {{input}}")
        #expect(text == "say: a {{input}} and __INPUT__ and {{lang}}")
    }

    @Test func withoutAPlaceholderTheTextIsTheSystemPrompt() throws {
        let active = try RoleDefinition(name: "r", source: .builtIn, prompt: "Be brief.").resolved(
            values: [:], environment: machine)
        #expect(active.systemPrompt == "Be brief.")
        #expect(active.inputTemplate == nil)
        let settings = active.applied(to: ConversationSettings(model: "m", systemPrompt: "from the config"))
        #expect(settings.systemPrompt == "Be brief.")
        #expect(settings.userText(for: "hello") == "hello")
    }

    @Test(arguments: ["{{}}", "{{ }}", "{{a b}}", "{{a.b}}", "{{input", "{ {x} }", "{{-x}}"])
    func textThatIsNotAPlaceholderIsKept(_ text: String) throws {
        let active = try RoleDefinition(name: "r", source: .builtIn, prompt: text).resolved(
            values: [:], environment: machine)
        #expect(active.systemPrompt == text)
    }

    // MARK: - Variables

    @Test func variablesFromValuesThenDefaultsThenTheMachine() throws {
        let role = try parse(
            """
            ---
            variables:
              lang: English
              tone: plain
            ---
            Translate into {{lang}} in a {{ tone }} tone for {{__shell__}} users on {{__os__}}.
            """)
        #expect(role.variables == ["lang", "tone"])
        let active = try role.resolved(values: ["lang": "French"], environment: machine)
        #expect(active.systemPrompt == "Translate into French in a plain tone for zsh users on linux.")
    }

    @Test func aichatStyleVariableListWithAndWithoutDefaults() throws {
        let role = try parse(
            """
            ---
            variables:
              - name: lang
                description: the language
                default: German
              - name: topic
            ---
            {{topic}} in {{lang}}
            """)
        #expect(try role.resolved(values: ["topic": "cats"], environment: machine).systemPrompt == "cats in German")
        #expect(throws: ParleyError.self) { try role.resolved(values: [:], environment: machine) }
    }

    @Test func aVariableWithoutAValueIsOneErrorNamingIt() throws {
        let role = try parse("Translate into {{lang}} as {{style}}: {{input}}")
        let error = try #require(throwing { try role.resolved(values: ["style": "prose"], environment: machine) })
        #expect(
            error
                == .usage(
                    "role 'r' needs a value for {{lang}}: give it with -p lang=VALUE, or a default under variables: in \(path)"
                ))
    }

    @Test func aValueForAVariableTheRoleDoesNotHaveIsAnError() throws {
        let role = try parse("Translate into {{lang}}")
        let error = try #require(
            throwing { try role.resolved(values: ["lang": "x", "lnag": "y"], environment: machine) })
        #expect(error == .usage("role 'r' has no variable 'lnag' (its variables: lang)"))
    }

    @Test(arguments: [
        ("lang=French", "lang", "French"), ("x=a=b", "x", "a=b"), ("empty=", "empty", ""), ("_1=ok", "_1", "ok"),
    ])
    func nameEqualsValue(_ text: String, _ name: String, _ value: String) throws {
        let parsed = try #require(RoleValues.parse(text))
        #expect(parsed.name == name && parsed.value == value)
    }

    @Test(arguments: ["lang", "=x", "la ng=x", "la-ng=x"])
    func notNameEqualsValue(_ text: String) {
        #expect(RoleValues.parse(text) == nil)
        #expect(throws: ParleyError.usage("-p takes NAME=VALUE (NAME: letters, digits and _), got '\(text)'")) {
            try RoleValues.parseAll([text])
        }
    }

    @Test func aichatFewShotSectionsBecomeExampleMessages() throws {
        let role = try parse(
            """
            Provide only code.
            ### INPUT:
            async sleep in js
            ### OUTPUT:
            ```js
            await new Promise(r => setTimeout(r, ms));
            ```
            ### INPUT:
            hello in {{lang}}
            ### OUTPUT:
            print("hello")
            """)
        let active = try role.resolved(values: ["lang": "python"], environment: machine)
        #expect(active.systemPrompt == "Provide only code.")
        #expect(
            active.examples == [
                ChatMessage(role: .user, content: "async sleep in js"),
                ChatMessage(role: .assistant, content: "```js\nawait new Promise(r => setTimeout(r, ms));\n```"),
                ChatMessage(role: .user, content: "hello in python"),
                ChatMessage(role: .assistant, content: "print(\"hello\")"),
            ])
        let text = FewShotPrompt.join(system: "Provide only code.", examples: active.examples)
        let again = FewShotPrompt.split(text)
        #expect(again.system == "Provide only code." && again.examples == active.examples)
    }

    @Test(arguments: [
        "Intro\n### INPUT:\nno output follows", "Intro\n### OUTPUT:\nno input before",
        "Intro\n#### INPUT:\nx\n### OUTPUT:\ny",
    ])
    func textThatIsNotFewShotStaysTheSystemPrompt(_ text: String) throws {
        let active = try RoleDefinition(name: "r", source: .builtIn, prompt: text).resolved(
            values: [:], environment: machine)
        #expect(active.systemPrompt == text)
        #expect(active.examples.isEmpty)
    }

    @Test func theShellRoleNamesTheUsersShellAndSystem() throws {
        var environment = machine
        environment.osRelease = "/nonexistent/os-release"
        let active = try #require(BuiltInRoles.role(named: "shell")).resolved(values: [:], environment: environment)
        let prompt = try #require(active.systemPrompt)
        #expect(prompt.contains("one command for zsh on linux"))
        #expect(prompt.contains("no code fences"))
        #expect(!prompt.contains("{{"))
    }

    // MARK: - Bad files

    @Test(arguments: [
        ("---\ntemperature: 0.2\nno closing line", "line 1: the front matter that starts here has no closing --- line"),
        ("---\ntemperature: hot\n---\nx", "line 2: 'temperature' expects a number from 0 to 2, got \"hot\""),
        ("---\ntemperature: 3\n---\nx", "line 2: 'temperature' expects a number from 0 to 2, got 3 (a number)"),
        ("---\nmodel: [a, b]\n---\nx", "line 2: 'model' expects a model name, got a list"),
        ("---\nmodel: a b\n---\nx", "line 2: 'model' expects a model name, got \"a b\""),
        ("---\n- a\n- b\n---\nx", "line 2: expected the front matter to be 'key: value' lines, got a list"),
        ("---\njust text\n---\nx", "line 2: expected the front matter to be 'key: value' lines, got \"just text\""),
        ("---\nvariables: [1, 2]\n---\nx", "line 2: 'variables' expects a map of variable names"),
        (
            "---\nvariables:\n  bad name: x\n---\nx",
            "line 3: a variable's name is letters, digits and _, got 'bad name'"
        ),
        ("---\nvariables:\n  lang: [a]\n---\nx", "line 3: the default of variable 'lang' expects text, got a list"),
        ("---\ntools: {a: 1}\n---\nx", "line 2: 'tools' expects tool names"),
        ("---\nmarkdown: maybe\n---\nx", "line 2: 'markdown' expects true or false, got \"maybe\""),
        ("---\nstream: false\n---\nx", "line 2: 'stream' is Parley's to set, not a role's"),
        ("---\nprompt: a\n---\nb", "line 2: 'prompt' and a text after the front matter: keep one of them"),
        ("---\ntop_p: .nan\n---\nx", "line 2: expected a finite number, got .nan"),
        (
            "---\ntemperature: 0.2\ntemperature: 0.3\n---\nx",
            "'temperature' appears more than once; expected each key once"
        ),
        ("---\nmodel: gpt\n  temperature: 1\n---\nx", "line 3: mapping values are not allowed in this context"),
        ("---\nstop: [\"a\"\n---\nx", "expected 'key: value' lines of YAML"),
        ("---\nkey: \"unterminated\n---\nx", "line 2: found unexpected end of stream"),
    ])
    func badFrontMatterNamesTheFileTheLineAndWhatWasExpected(_ text: String, _ expected: String) throws {
        let error = try #require(throwing { try parse(text) })
        guard case .setup(let message) = error else {
            Issue.record("not a setup error: \(error)")
            return
        }
        #expect(message.hasPrefix("role file \(path)"))
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\n"))
        #expect(!message.contains("YamlError") && !message.contains("Node") && !message.contains("Optional"))
    }
}

/// The error `body` throws, or nil when it throws none.
func throwing<T>(_ body: () throws -> T) -> ParleyError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? ParleyError
    }
}
