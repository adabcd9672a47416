import ChatClient
import Render
import Tools

/// Asks about tool calls at the terminal: the question on stderr (neutralised: the arguments
/// come from the server), the answer read with the line reader, `e` in $VISUAL or $EDITOR.
public final class LineApprovalAsker: ApprovalAsker {
    let reader: any LineReader
    let console: Console
    let editor: (any MessageEditor)?

    public init(reader: any LineReader, console: Console, editor: (any MessageEditor)?) {
        self.reader = reader
        self.console = console
        self.editor = editor
    }

    public func ask(_ question: String) -> String? {
        var lines = SafeText.neutralized(question).split(separator: "\n", omittingEmptySubsequences: false)
        let prompt = String(lines.removeLast())
        let body = lines.joined(separator: "\n") + "\n"
        console.err.write(console.style.colorErr ? "\u{1B}[1m\(body)\u{1B}[0m" : body)
        switch reader.readLine(prompt: prompt) {
        case .line(let answer): return answer
        case .interrupted, .end: return nil
        }
    }

    public func edit(_ text: String) -> String? {
        guard let editor else { return nil }
        do {
            return try editor.edit(text)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
            return nil
        }
    }

    public func tell(_ text: String) {
        console.notice(text)
    }
}
