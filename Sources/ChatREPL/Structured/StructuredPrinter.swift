import ChatClient
import Render

/// One-shot `--json` / `--schema`: the checked reply on stdout as raw JSON, or what is wrong
/// with it on stderr (the reply after it, so nothing received is lost) and status 65.
struct StructuredPrinter {
    let console: Console

    /// Prints the conversation's last reply; returns a status only when the reply is wrong.
    func print(_ structured: StructuredOutput, conversation: Conversation) -> ExitStatus? {
        guard let index = conversation.messages.indices.last, conversation.messages[index].role == .assistant else {
            return nil
        }
        let reply = conversation.messages[index].content
        let problems = structured.problems(reply: reply, finishReason: conversation.info[index]?.finishReason)
        guard problems.isEmpty else {
            console.error(
                .init(
                    message: "\(structured.schema == nil ? "--json" : "--schema"): "
                        + problems.joined(separator: "; "),
                    advice: "the reply follows on stderr"))
            // The server's bytes reach a terminal only neutralised, as replies always do.
            let shown = console.style.errIsTerminal ? SafeText.neutralized(reply) : reply
            console.err.write(shown.hasSuffix("\n") ? shown : shown + "\n")
            return .dataError
        }
        let json = StructuredOutput.unfenced(reply)
        console.out.write((console.style.outIsTerminal ? SafeText.neutralized(json) : json) + "\n")
        return nil
    }
}
