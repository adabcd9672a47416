/// The slash-commands: one table that drives parsing, `/help`, Tab completion and the
/// README's list. The REPL dispatches with an exhaustive `switch`, so a command without a
/// handler does not compile.
public enum SlashCommand: String, CaseIterable, Sendable {
    case help = "/help"
    case system = "/system"
    case temperature = "/temperature"
    case maxTokens = "/max_tokens"
    case model = "/model"
    case models = "/models"
    case history = "/history"
    case edit = "/edit"
    case undo = "/undo"
    case retry = "/retry"
    case clear = "/clear"
    case save = "/save"
    case load = "/load"
    case sessions = "/sessions"
    case search = "/search"
    case open = "/open"
    case title = "/title"
    case forget = "/forget"
    case usage = "/usage"
    case doctor = "/doctor"
    case markdown = "/markdown"
    case copy = "/copy"
    // Request parameters (issue 11)
    case set = "/set"
    case unset = "/unset"
    case settings = "/settings"
    case reasoning = "/reasoning"
    case role = "/role"
    case attach = "/attach"
    case attachments = "/attachments"
    case detach = "/detach"
    // Tools (issue 12)
    case tools = "/tools"
    case tool = "/tool"
    case toolOutput = "/tool-output"
    case exit = "/exit"

    public var name: String { rawValue }

    public var aliases: [String] {
        switch self {
        case .maxTokens: ["/max-tokens"]
        case .exit: ["/quit"]
        default: []
        }
    }

    /// The argument syntax, as `/help` shows it.
    public var argument: String {
        switch self {
        case .system: "[TEXT|off]"
        case .temperature: "[X|off]"
        case .maxTokens: "[N|off]"
        case .model: "[NAME]"
        case .save: "[FILE]"
        case .load: "FILE"
        case .markdown: "[on|off]"
        case .copy: "[N]"
        case .set: "[KEY [VALUE]]"
        case .unset: "KEY"
        case .reasoning: "[low|medium|high|off]"
        case .search: "QUERY"
        case .open: "N"
        case .title: "[TEXT]"
        case .role: "[NAME|off|save NAME]"
        case .attach: "PATH|URL ..."
        case .detach: "[N]"
        case .tools: ""
        case .tool: "NAME on|off"
        case .toolOutput: "[N]"
        case .help, .models, .history, .edit, .undo, .retry, .clear, .sessions, .forget, .usage, .doctor, .exit: ""
        case .settings, .attachments: ""
        }
    }

    public var summary: String {
        switch self {
        case .help: "list the commands"
        case .system: "show, set or remove the system prompt for the following requests"
        case .temperature: "show, set (0 to 2) or unset"
        case .maxTokens: "show, set or remove the reply length limit"
        case .model: "show, or switch the model"
        case .models: "list the server's models"
        case .history: "print the conversation so far"
        case .edit: "write a message in $VISUAL or $EDITOR, then send it"
        case .undo: "drop the last user message and its reply"
        case .retry: "send the last user message again, replacing its reply"
        case .clear: "start a new conversation (same settings)"
        case .save: "save the conversation to FILE (default: its session file)"
        case .load: "continue the conversation stored in FILE"
        case .sessions: "list recent sessions"
        case .search: "search every saved conversation, numbering the hits (as parley search)"
        case .open: "continue the conversation of hit N of the last /search"
        case .title: "show, or set, the conversation's title"
        case .forget: "drop the last exchange from the session file and the search index for good"
        case .usage: "tokens and estimated cost of this session"
        case .doctor: "check the connection to the server step by step (as parley doctor)"
        case .markdown: "show, or switch, Markdown rendering of replies"
        case .copy: "copy the last reply, or its Nth code block, to the clipboard (OSC 52)"
        case .set: "set any request parameter (typed when known, JSON otherwise), or show one"
        case .unset: "stop sending a request parameter (the server's default applies)"
        case .settings: "show every setting in force and where it came from"
        case .reasoning: "show, set or remove reasoning_effort"
        case .role:
            "show the role, take up role NAME (VAR=VALUE after it fills its variables), drop it, "
                + "or save the system prompt and parameters as role NAME"
        case .attach: "attach files, images, PDFs, directories, globs or URLs to the next message"
        case .attachments: "list the attachments that go with the next message"
        case .detach: "remove pending attachment N, or all of them"
        case .tools: "list every tool with its source and whether it is on"
        case .tool: "turn a tool on or off for the following requests"
        case .toolOutput: "print the result of the last tool call, or of call N, in full"
        case .exit: "leave (Ctrl-D on an empty line does the same)"
        }
    }

    /// The command a typed word names (its name or an alias).
    public static func lookup(_ word: String) -> SlashCommand? {
        allCases.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Every name and alias, for Tab completion.
    public static var completionWords: [String] { allCases.flatMap { [$0.name] + $0.aliases } }

    /// The `/help` text: one line a command, aligned.
    public static var helpText: String {
        let rows = allCases.map { command -> (String, String) in
            let names = ([command.name] + command.aliases).joined(separator: ", ")
            return (command.argument.isEmpty ? names : "\(names) \(command.argument)", command.summary)
        }
        let width = rows.map(\.0.count).max() ?? 0
        var text = rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }.joined(
            separator: "\n")
        text += "\n\n\"\"\" on a line of its own starts and ends a multi-line message; //text sends /text."
        text += "\nCtrl-C stops a reply (or clears the line); Ctrl-D on an empty line leaves."
        return text
    }
}
