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
        if let command = SlashCommand.lookup(word) {
            self = .command(command, argument: argument)
        } else {
            self = .unknownCommand(word)
        }
    }
}
