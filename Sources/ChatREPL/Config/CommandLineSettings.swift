import ChatClient

/// What the command line said. `nil` means "not given", so lower levels apply.
public struct CommandLineSettings: Sendable, Equatable {
    public var model: String?
    public var baseURL: String?
    public var systemPrompt: String?
    /// `--temperature`, `--max-tokens` and the other request parameters given.
    public var parameters = RequestParameters()
    public var noStream = false
    public var configPath: String?
    public var profile: String?
    public var color: ColorMode?
    public var apiKeyEnv: String?
    public var sessionPath: String?
    public var continueLast = false
    public var noSave = false
    /// `--no-markdown`: replies as plain text on a terminal too.
    public var noMarkdown = false
    /// One-shot `-x` / `--extract-last`: print only the first or the last fenced code block.
    public var extract: CodeBlockChoice?
    /// One-shot mode: print the reply's token usage and cost to stderr.
    public var showUsage = false
    /// `--json`: ask for a JSON object reply.
    public var json = false
    /// `--schema FILE|JSON|DSL`: ask for a reply matching this schema.
    public var schema: String?
    /// `-r NAME`: the role to apply.
    public var role: String?
    /// `-p NAME=VALUE`: the role's variables.
    public var roleValues: [String: String] = [:]
    /// `-a` / `--attach`: paths, URLs, or `-` for stdin, in order.
    public var attachments: [String] = []
    /// What `-a -` read from stdin.
    public var stdinAttachment: [UInt8]?
    /// `--image-detail low|high|auto`.
    public var imageDetail: ImageDetail?
    /// `-T NAME`: tools turned on for this run.
    public var tools: [String] = []
    /// `--allow-tool NAME`: tools that run without asking (the only way without a terminal).
    public var allowTools: [String] = []

    public init() {}
}
