import ChatClient
import Render

/// The handlers of the commands about the terminal: Markdown rendering and the clipboard.
extension REPL {
    func setMarkdown(_ argument: String) {
        guard let terminal = console.style.terminal else {
            console.error(
                .init(message: "/markdown needs stdout to be a terminal; replies to a pipe are never rendered"))
            return
        }
        switch argument {
        case "":
            console.say(
                "markdown: " + (terminal.markdown ? "on" : "off") + (console.style.colorOut ? "" : " (no colour here)"))
        case "on":
            terminal.markdown = true
            console.say("markdown: on" + (console.style.colorOut ? "" : " (takes effect where colour is allowed)"))
        case "off":
            terminal.markdown = false
            console.say("markdown: off")
        default:
            rejectValue("/markdown takes on or off", got: argument)
        }
    }

    /// Copies with OSC 52, which the terminal turns into a clipboard write (over SSH too, and in
    /// tmux with `set-clipboard on`).
    func copy(_ argument: String) {
        guard let terminal = console.style.terminal else {
            console.error(.init(message: "/copy needs stdout to be a terminal (it asks the terminal to copy)"))
            return
        }
        guard let reply = conversation.messages.last(where: { $0.role == .assistant })?.content else {
            console.error(.init(message: "nothing to copy yet: there is no reply"))
            return
        }
        let text: String
        let what: String
        if argument.isEmpty {
            text = reply
            what = "the last reply"
        } else {
            let blocks = CodeBlocks.extract(from: reply)
            guard let number = Int(argument), blocks.indices.contains(number - 1) else {
                rejectValue(
                    blocks.isEmpty
                        ? "the last reply has no code block; /copy copies all of it"
                        : "/copy takes a code block's number from 1 to \(blocks.count)", got: argument)
                return
            }
            text = blocks[number - 1].content
            let language = blocks[number - 1].language
            what = "code block \(number)" + (language.isEmpty ? "" : " (\(SafeText.neutralized(language)))")
        }
        console.out.write(Clipboard.osc52(text, tmux: terminal.inTmux))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        console.say("copied \(what): \(lines) line\(lines == 1 ? "" : "s"), \(text.count) characters")
    }
}
