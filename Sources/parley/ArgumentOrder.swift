/// Finds a command's name among the arguments. ArgumentParser takes a word as a command only
/// when it comes first; Parley also takes it after options, so `parley -m x models` lists
/// models. A prompt whose first word is a command's name is quoted or follows `--`.
enum ArgumentOrder {
    static let commands: Set<String> = [
        "chat", "models", "doctor", "search", "sessions", "show", "export", "rm", "prune", "index", "help", "roles",
    ]
    /// The options that take a value as the next argument (`--model NAME`), so that value is
    /// not mistaken for the first word of the prompt.
    static let optionsWithValue: Set<String> = [
        "-m", "--model", "--base-url", "-s", "--system", "-t", "--temperature", "--max-tokens", "--config",
        "--profile", "--color", "--api-key-env", "--session", "--sort", "--since", "--role", "--limit", "--format",
        "--turn", "--older-than",
        "-o", "--option", "--schema",
        "-r", "-p", "--param",
        "-a", "--attach", "--image-detail",
        "-T", "--tool", "--allow-tool",
    ]

    static func commandFirst(_ arguments: [String]) -> [String] {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return arguments }
            if argument.hasPrefix("-") && argument.count > 1 {
                index += optionsWithValue.contains(argument) ? 2 : 1
                continue
            }
            guard commands.contains(argument), index > 0 else { return arguments }
            var reordered = arguments
            reordered.remove(at: index)
            return [argument] + reordered
        }
        return arguments
    }
}
