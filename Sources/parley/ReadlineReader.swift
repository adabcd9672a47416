import ChatREPL
import LineEditor

/// The REPL's line reader, backed by readline. The layering keeps `LineEditor.Input` and
/// `LineInput` apart (ChatREPL never imports LineEditor); this adapter joins them.
final class ReadlineReader: LineReader {
    let editor: LineEditor

    init(editor: LineEditor) {
        self.editor = editor
    }

    func readLine(prompt: String) -> LineInput {
        switch editor.readLine(prompt: prompt) {
        case .line(let line): .line(line)
        case .interrupted: .interrupted
        case .end: .end
        }
    }

    func addToHistory(_ line: String) {
        editor.addToHistory(line)
    }
}
