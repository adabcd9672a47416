import ArgumentParser
import ChatClient
import ChatREPL

/// The options every command takes, as plain values: what `CommonOptions` parsed, or what
/// `QuickChatLine` read. Checked and turned into settings here, once, for both.
struct CommonArguments: Equatable {
    var model: String?
    var baseURL: String?
    var system: String?
    var temperature: String?
    var maxTokens: String?
    var noSave = false
    var noStream = false
    var config: String?
    var profile: String?
    var noMarkdown = false
    var color: ColorMode?
    var apiKeyEnv: String?

    func validate() throws(ValidationError) {
        for (flag, spec, text) in [
            ("--temperature", ParameterSpec.temperature, temperature),
            ("--max-tokens", ParameterSpec.maxTokens, maxTokens),
        ] {
            if let text, spec.value(parsing: text) == nil {
                throw ValidationError("\(flag) takes \(spec.accepted), got \(text)")
            }
        }
    }

    /// What these options say, as the library reads it.
    var settings: CommandLineSettings {
        var flags = CommandLineSettings()
        flags.model = model
        flags.baseURL = baseURL
        flags.systemPrompt = system
        for (spec, text) in [(ParameterSpec.temperature, temperature), (ParameterSpec.maxTokens, maxTokens)] {
            if let text, let value = spec.value(parsing: text) { flags.parameters[spec.name] = value }
        }
        flags.noStream = noStream
        flags.configPath = config
        flags.profile = profile
        flags.color = color
        flags.apiKeyEnv = apiKeyEnv
        flags.noSave = noSave
        flags.noMarkdown = noMarkdown
        return flags
    }
}

/// The chat command's arguments as plain values (see `Chat` for what each means).
struct ChatArguments: Equatable {
    var common = CommonArguments()
    var session: String?
    var continueLast = false
    var extractFirst = false
    var extractLast = false
    var usage = false
    var parameterOptions: [String] = []
    var json = false
    var schema: String?
    var role: String?
    var roleValues: [String] = []
    var attach: [String] = []
    var imageDetail: String?
    var tools: [String] = []
    var allowTools: [String] = []
    var prompt: [String] = []

    func validate() throws(ValidationError) {
        try common.validate()
        if session != nil, continueLast {
            throw ValidationError("--session and --continue cannot be used together")
        }
        if extractFirst, extractLast {
            throw ValidationError("--extract and --extract-last cannot be used together")
        }
        if json || schema != nil, extractFirst || extractLast {
            throw ValidationError(
                "--json and --schema print the whole JSON reply: they cannot be used with -x/--extract")
        }
        if json, schema != nil {
            throw ValidationError("--json and --schema cannot be used together (--schema asks for JSON too)")
        }
        for assignment in parameterOptions {
            let key: String
            do throws(ParameterProblem) {
                key = try ParameterValue.parse(assignment: assignment).0
            } catch {
                throw ValidationError("-o: \(error.message)")
            }
            if key == "response_format", json || schema != nil {
                throw ValidationError(
                    "-o response_format cannot be used with --json or --schema: they set response_format themselves")
            }
        }
        if common.noSave, session != nil || continueLast {
            throw ValidationError("--no-save cannot be used with --session or --continue")
        }
        if let role, !RoleCatalog.isValidName(role) {
            throw ValidationError("--role takes a role's name (letters, digits, '-', '_', '.'), got '\(role)'")
        }
        do throws(ParleyError) {
            _ = try RoleValues.parseAll(roleValues, flag: "--param")
        } catch {
            throw ValidationError(ErrorWording.words(for: error, context: nil).message)
        }
        if let imageDetail, ImageDetail(parsing: imageDetail) == nil {
            throw ValidationError("--image-detail takes \(ImageDetail.accepted), got \(imageDetail)")
        }
        if attach.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("-a - reads stdin, which can be attached once")
        }
    }

    /// What these arguments say, as the library reads it (valid ones: see `validate`).
    var settings: CommandLineSettings {
        var flags = common.settings
        flags.sessionPath = session
        flags.continueLast = continueLast
        flags.showUsage = usage
        for assignment in parameterOptions {
            if let (name, value) = try? ParameterValue.parse(assignment: assignment) { flags.parameters[name] = value }
        }
        flags.json = json
        flags.schema = schema
        flags.extract = extractFirst ? .first : extractLast ? .last : nil
        flags.role = role
        flags.roleValues = (try? RoleValues.parseAll(roleValues)) ?? [:]
        flags.attachments = attach
        flags.imageDetail = imageDetail.flatMap(ImageDetail.init(parsing:))
        flags.tools = tools
        flags.allowTools = allowTools
        return flags
    }

    /// Runs the chat: an interactive session, or one prompt answered.
    func run() async -> Never {
        let startup = Startup(flags: settings)
        startup.exit(await startup.chat(promptWords: prompt))
    }
}
