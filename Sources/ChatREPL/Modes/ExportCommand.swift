import ChatClient
import Render

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `parley export SESSION --format md|json`: a saved conversation as Markdown to read or share,
/// or as the API's message list (a JSON array of messages, the system prompt first).
public struct ExportCommand {
    /// What `--format` accepts.
    public enum Format: String, CaseIterable, Sendable {
        case md
        case json
    }

    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(session: String, format: Format) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let path = try context.catalog.resolve(session)
            let conversation = try SessionStore(directory: context.catalog.directory).load(path)
            // JSON is what a request sends: the attachments' bytes read back from beside the session.
            let text =
                format == .md
                ? Self.markdown(conversation)
                : try Self.json(AttachmentStore(sessionPath: path).resolving(conversation).conversation)
            // Bytes from the server reach a terminal only neutralised; a file or pipe gets them as they are.
            context.console.out.write(context.console.style.outIsTerminal ? SafeText.neutralized(text) : text)
        }
    }

    /// The conversation as Markdown: the title, a line of facts, then each message under a heading.
    public static func markdown(_ conversation: Conversation) -> String {
        var text = "# \(conversation.displayTitle)\n\n"
        let facts = [
            "model \(conversation.settings.model)", "started \(Listing.shortTime(conversation.created)) UTC",
            conversation.turnCount == 1 ? "1 reply" : "\(conversation.turnCount) replies",
        ]
        text += "*\(facts.joined(separator: " · "))*\n\n"
        if let system = conversation.settings.systemPrompt, !system.isEmpty {
            text += "## System\n\n\(system)\n\n"
        }
        var turn = 0
        for (index, message) in conversation.messages.enumerated() {
            if message.role == .user { turn += 1 }
            let mark = conversation.info[index]?.interrupted == true ? ", interrupted" : ""
            let name = message.role.rawValue.prefix(1).uppercased() + message.role.rawValue.dropFirst()
            text += "## \(name) (turn \(max(turn, 1))\(mark))\n\n"
            text += message.content.hasSuffix("\n") ? message.content + "\n" : message.content + "\n\n"
            let attached = message.attachmentNames
            if !attached.isEmpty { text += "*Attached: \(attached.joined(separator: ", "))*\n\n" }
        }
        return String(text.dropLast())
    }

    /// The messages as a request sends them, as pretty-printed JSON.
    public static func json(_ conversation: Conversation) throws(ParleyError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            // The system prompt, a role's few-shot examples, then the conversation.
            let messages = conversation.request(stream: false).messages.map(\.wireForm)
            return String(decoding: try encoder.encode(messages), as: UTF8.self) + "\n"
        } catch {
            throw .data("cannot encode the conversation: \(error)")
        }
    }
}
