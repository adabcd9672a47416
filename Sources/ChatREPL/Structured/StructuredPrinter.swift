import ChatClient

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
            console.err.write(reply.hasSuffix("\n") ? reply : reply + "\n")
            return .dataError
        }
        console.out.write(StructuredOutput.unfenced(reply) + "\n")
        return nil
    }
}
