/// One slash-command: its name, aliases, argument syntax and what it does.
public struct SlashCommand: Sendable, Equatable {
    public let name: String
    public let aliases: [String]
    public let argument: String
    public let summary: String
}

/// The one table that drives parsing, `/help`, tab completion and the README's list.
public enum SlashCommands {
    public static let all: [SlashCommand] = [
        SlashCommand(name: "/help", aliases: [], argument: "", summary: "list the commands"),
        SlashCommand(
            name: "/system", aliases: [], argument: "[TEXT|off]",
            summary: "show, set or remove the system prompt for the following requests"),
        SlashCommand(name: "/temperature", aliases: [], argument: "[X|off]", summary: "show, set (0 to 2) or unset"),
        SlashCommand(
            name: "/max_tokens", aliases: ["/max-tokens"], argument: "[N|off]",
            summary: "show, set or remove the reply length limit"),
        SlashCommand(name: "/model", aliases: [], argument: "[NAME]", summary: "show, or switch the model"),
        SlashCommand(name: "/models", aliases: [], argument: "", summary: "list the server's models"),
        SlashCommand(name: "/history", aliases: [], argument: "", summary: "print the conversation so far"),
        SlashCommand(
            name: "/edit", aliases: [], argument: "", summary: "write a message in $VISUAL or $EDITOR, then send it"),
        SlashCommand(name: "/undo", aliases: [], argument: "", summary: "drop the last user message and its reply"),
        SlashCommand(
            name: "/retry", aliases: [], argument: "", summary: "send the last user message again, replacing its reply"),
        SlashCommand(name: "/clear", aliases: [], argument: "", summary: "start a new conversation (same settings)"),
        SlashCommand(
            name: "/save", aliases: [], argument: "[FILE]",
            summary: "save the conversation to FILE (default: its session file)"),
        SlashCommand(name: "/load", aliases: [], argument: "FILE", summary: "continue the conversation stored in FILE"),
        SlashCommand(name: "/sessions", aliases: [], argument: "", summary: "list recent sessions"),
        SlashCommand(name: "/usage", aliases: [], argument: "", summary: "tokens and estimated cost of this session"),
        SlashCommand(
            name: "/doctor", aliases: [], argument: "",
            summary: "check the connection to the server step by step (as parley doctor)"),
        SlashCommand(
            name: "/exit", aliases: ["/quit"], argument: "", summary: "leave (Ctrl-D on an empty line does the same)"),
    ]

    public static func lookup(_ word: String) -> SlashCommand? {
        all.first { $0.name == word || $0.aliases.contains(word) }
    }

    /// Every name and alias, for tab completion.
    public static var completionWords: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// The `/help` text: one line a command, aligned.
    public static var helpText: String {
        let rows = all.map { command -> (String, String) in
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

/// What a typed line is.
public enum InputLine: Sendable, Equatable {
    case empty
    case message(String)
    case command(SlashCommand, argument: String)
    case unknownCommand(String)

    public init(_ line: String) {
        if line.allSatisfy({ $0.isWhitespace || $0.isNewline }) {
            self = .empty
            return
        }
        if line.hasPrefix("//") {
            self = .message(String(line.dropFirst()))
            return
        }
        guard line.hasPrefix("/"), let second = line.dropFirst().first, second.isLetter else {
            self = .message(line)
            return
        }
        let word = String(line.prefix { !$0.isWhitespace })
        let rest = line.dropFirst(word.count).drop { $0 == " " || $0 == "\t" }
        var argument = String(rest)
        while let last = argument.last, last.isWhitespace { argument.removeLast() }
        if let command = SlashCommands.lookup(word) {
            self = .command(command, argument: argument)
        } else {
            self = .unknownCommand(word)
        }
    }
}
