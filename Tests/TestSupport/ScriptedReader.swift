import ChatREPL

/// Lines typed at the prompt, one after another; the end of the list is Ctrl-D.
public final class ScriptedReader: LineReader {
    public var lines: [LineInput]
    public var history: [String] = []
    public var prompts: [String] = []

    public init(_ lines: [String]) {
        self.lines = lines.map { .line($0) }
    }

    public init(inputs: [LineInput]) {
        lines = inputs
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return lines.isEmpty ? .end : lines.removeFirst()
    }

    public func addToHistory(_ line: String) {
        history.append(line)
    }
}
