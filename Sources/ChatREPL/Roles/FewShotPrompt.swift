import ChatClient

/// aichat's few-shot prompts: a system prompt, then examples marked by lines `### INPUT:` and
/// `### OUTPUT:`, sent as user and assistant messages before the conversation.
enum FewShotPrompt {
    static let inputMarker = "### INPUT:"
    static let outputMarker = "### OUTPUT:"

    /// The system prompt (the text before the first `### INPUT:`) and the examples, in order;
    /// a text without the markers is all system prompt. An `### INPUT:` without an
    /// `### OUTPUT:` after it stays in the system prompt as written.
    static func split(_ text: String) -> (system: String, examples: [ChatMessage]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { isMarker($0, inputMarker) }) else { return (text, []) }
        var examples: [ChatMessage] = []
        var input: [Substring]?
        var output: [Substring]?
        func flush() {
            if let input, let output {
                examples.append(ChatMessage(role: .user, content: input.joined(separator: "\n").strippedOfWhitespace))
                examples.append(
                    ChatMessage(role: .assistant, content: output.joined(separator: "\n").strippedOfWhitespace))
            }
        }
        for line in lines[first...] {
            if isMarker(line, inputMarker) {
                flush()
                (input, output) = ([], nil)
            } else if isMarker(line, outputMarker), input != nil, output == nil {
                output = []
            } else if output != nil {
                output?.append(line)
            } else {
                input?.append(line)
            }
        }
        guard output != nil else { return (text, []) }  // the last example has no output: not few-shot
        flush()
        return (lines[..<first].joined(separator: "\n").strippedOfWhitespace, examples)
    }

    /// The text `split` reads back as `system` and `examples` (for `/role save`).
    static func join(system: String, examples: [ChatMessage]) -> String {
        var text = system
        var index = examples.startIndex
        while index + 1 < examples.endIndex {
            text += "\n\(inputMarker)\n\(examples[index].content)\n\(outputMarker)\n\(examples[index + 1].content)"
            index += 2
        }
        return text
    }

    private static func isMarker(_ line: Substring, _ marker: String) -> Bool {
        line.strippedOfWhitespace == marker
    }
}
