import ChatREPL

/// Lines typed at the prompt, one after another; the end of the list is Ctrl-D.
public final class ScriptedReader: LineReader {
    public var lines: [LineInput]
    public var history: [String] = []
    public var prompts: [String] = []
    /// Where the prompt and the typed line are shown, as a terminal would echo them (nil: nowhere).
    public let echo: (any OutputSink)?

    public init(_ lines: [String], echo: (any OutputSink)? = nil) {
        self.lines = lines.map { .line($0) }
        self.echo = echo
    }

    public init(inputs: [LineInput], echo: (any OutputSink)? = nil) {
        lines = inputs
        self.echo = echo
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        let input = lines.isEmpty ? LineInput.end : lines.removeFirst()
        if case .line(let line) = input {
            echo?.write(prompt + line + "\n")
        } else {
            echo?.write(prompt + (input == .interrupted ? "^C" : "") + "\n")
        }
        return input
    }

    public func addToHistory(_ line: String) {
        history.append(line)
    }
}
