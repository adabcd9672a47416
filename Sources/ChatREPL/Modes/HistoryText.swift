import ChatClient
import Render

/// A conversation as `/history` and `parley show` print it: a reply rendered as it streamed
/// when Markdown is on, anything from the server neutralised on a terminal, raw text to a pipe.
public enum HistoryText {
    /// The messages in `range`, one entry each (a rendered reply spans several lines).
    public static func lines(_ conversation: Conversation, _ range: Range<Int>, style: Style) -> [String] {
        var lines: [String] = []
        for index in range {
            let message = conversation.messages[index]
            let mark = conversation.info[index]?.interrupted == true ? " [interrupted]" : ""
            // Tool calls and results, one line each (issue 12); /tool-output shows a result whole.
            if message.role == .tool || !message.toolCalls.isEmpty {
                let text = toolLine(message)
                lines.append(style.outIsTerminal ? SafeText.neutralized(text) : text)
                continue
            }
            if message.role == .assistant, style.rendersMarkdown, let terminal = style.terminal {
                var renderer = MarkdownRenderer(
                    style: TerminalStyle(color: true, hyperlinks: true), width: terminal.width, height: terminal.height)
                let rendered = renderer.feed(message.content) + renderer.finish()
                lines.append(
                    "\(message.role.rawValue)\(mark):\n" + String(rendered.dropLast(rendered.hasSuffix("\n") ? 1 : 0)))
            } else {
                var text = "\(message.role.rawValue)\(mark): \(message.content)"
                let attached = message.attachmentNames
                if !attached.isEmpty { text += " [attached: \(attached.joined(separator: ", "))]" }
                lines.append(style.outIsTerminal ? SafeText.neutralized(text) : text)
            }
        }
        return lines
    }

    /// A tool call message or a tool result, compactly.
    static func toolLine(_ message: ChatMessage) -> String {
        func cut(_ text: String, _ limit: Int) -> String {
            let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
            return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
        }
        if message.role == .tool {
            return "tool result: \(cut(message.content, 100)) (\(message.content.utf8.count) bytes)"
        }
        var text = message.content.isEmpty ? "assistant:" : "assistant: \(message.content)"
        for call in message.toolCalls { text += "\n  ⚙ \(call.name) \(cut(call.arguments, 100))" }
        return text
    }

    /// The whole conversation, the system prompt first.
    public static func whole(_ conversation: Conversation, style: Style) -> [String] {
        var lines: [String] = []
        if let system = conversation.settings.systemPrompt {
            lines.append(style.outIsTerminal ? SafeText.neutralized("system: \(system)") : "system: \(system)")
        }
        return lines + Self.lines(conversation, conversation.messages.indices, style: style)
    }
}
