import ChatClient

/// Asks the user about a tool call: the live one reads the terminal, tests answer from a script.
public protocol ApprovalAsker: AnyObject {
    /// Shows `question` and returns the answer typed, or nil when none came (Ctrl-C, Ctrl-D).
    func ask(_ question: String) -> String?
    /// Opens the arguments in an editor; nil when abandoned or no editor is available.
    func edit(_ text: String) -> String?
    /// A line for the user (a notice on stderr).
    func tell(_ text: String)
}

/// What the user decided about one call.
public enum ApprovalDecision: Sendable, Equatable {
    /// Run it, with these arguments (edited, maybe).
    case run(arguments: String)
    /// Do not run it; the model is told why.
    case deny(ToolResult)
}

/// Decides whether a call runs: allowlisted tools run, approvals given for this session or
/// always are remembered, and everything else is asked about on a terminal, or denied
/// without one. No other way runs a tool.
public final class ToolApprover {
    /// `--allow-tool` and `auto_approve`: run without asking.
    public var allowlist: Set<String>
    /// Approved with `s` in this run.
    public private(set) var session: Set<String> = []
    private var always: Set<ApprovalStore.Entry> = []
    let store: ApprovalStore?
    /// nil when there is no terminal to ask on.
    let asker: (any ApprovalAsker)?

    public init(allowlist: Set<String>, store: ApprovalStore?, asker: (any ApprovalAsker)?) {
        self.allowlist = allowlist
        self.store = store
        self.asker = asker
        if let store {
            switch store.load() {
            case .success(let entries): always = entries
            case .failure(let error): asker?.tell("warning: \(error.message)")
            }
        }
    }

    /// Whether `tool` runs without a question.
    public func isPreapproved(_ tool: ToolDefinition) -> Bool {
        tool.allowNames.contains(where: allowlist.contains) || session.contains(tool.name)
            || always.contains(ApprovalStore.Entry(tool: tool.name, source: tool.source))
    }

    /// The decision for one call; asks on the terminal when there is one.
    public func decide(_ call: ToolCall, tool: ToolDefinition, onDenied: (String) -> Void) -> ApprovalDecision {
        if isPreapproved(tool) { return .run(arguments: call.arguments) }
        guard let asker else {
            onDenied(
                "tool \(tool.name) not run: it needs approval and stdin is not a terminal "
                    + "(allow it with --allow-tool \(tool.name) or config \"auto_approve\")")
            return .deny(
                ToolResult(
                    status: .denied,
                    content: "denied: this tool needs the user's approval, and no one was there to give it",
                    summary: "denied (no terminal)"))
        }
        var arguments = call.arguments
        while true {
            let answer = asker.ask(Self.question(tool: tool, arguments: arguments))
            switch answer?.trimmingWhitespace.lowercased() {
            case "y", "yes":
                return .run(arguments: arguments)
            case "s":
                session.insert(tool.name)
                return .run(arguments: arguments)
            case "a":
                let entry = ApprovalStore.Entry(tool: tool.name, source: tool.source)
                always.insert(entry)
                if let store, case .failure(let error) = store.add(entry) {
                    asker.tell("warning: the approval is kept for this session only: \(error.message)")
                    session.insert(tool.name)
                }
                return .run(arguments: arguments)
            case "n", "no", nil:
                return .deny(.deniedByUser)
            case "e":
                let draft = Self.parsedObject(arguments)?.prettyText ?? arguments
                guard let edited = asker.edit(draft) else {
                    asker.tell("the arguments are unchanged (no editor, or the edit was abandoned)")
                    continue
                }
                let trimmed = edited.trimmingWhitespaceAndNewlines
                if case .failure(let problem) = ToolExecutor.parseArguments(trimmed) {
                    asker.tell("the edited arguments cannot be used: \(problem.message)")
                    continue
                }
                arguments = Self.parsedObject(trimmed)?.compactText ?? trimmed
            default:
                asker.tell("answer y (once), s (this session), a (always), n (no) or e (edit the arguments)")
            }
        }
    }

    /// The question: the tool, its source and its arguments pretty-printed; for `shell`, the
    /// exact command line.
    static func question(tool: ToolDefinition, arguments: String) -> String {
        var text = "tool call: \(tool.name) (\(tool.source))\n"
        if tool.kind == .shell, let line = parsedObject(arguments)?["command"]?.stringValue {
            text += "  $ \(line)\n"
        } else if let object = parsedObject(arguments) {
            text +=
                object.prettyText.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
                .joined(separator: "\n") + "\n"
        } else {
            text += "  \(arguments.isEmpty ? "(no arguments)" : arguments)\n"
        }
        return text + "run it? [y]es once, [s]ession, [a]lways, [n]o, [e]dit: "
    }

    static func parsedObject(_ text: String) -> JSONValue? {
        if case .success(let members) = ToolExecutor.parseArguments(text) { return .object(members) }
        return nil
    }
}
