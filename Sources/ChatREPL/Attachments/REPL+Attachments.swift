import ChatClient
import Render

/// The handlers of /attach, /attachments and /detach: attachments gathered for the next message.
extension REPL {
    func attach(_ argument: String) async {
        guard let loader = hooks.attachments else {
            console.error(.init(message: "/attach is not available here"))
            return
        }
        let names: [String]
        do {
            names = try ArgumentWords.split(argument)
        } catch {
            rejectValue("/attach takes paths or URLs, quoted when they hold spaces", got: argument)
            return
        }
        guard !names.isEmpty else {
            console.error(
                .init(
                    message: "/attach needs a file, directory, glob or URL: /attach PATH|URL ...",
                    advice: "/attachments lists what is attached already"))
            return
        }
        // All or nothing: one refused name attaches none of them, and says which and why.
        let result = await runner.interrupts.run { () async throws -> [AttachmentBatch] in
            var batches: [AttachmentBatch] = []
            for name in names { batches.append(try await loader.load(name)) }
            return batches
        }
        switch result {
        case .success(let batches):
            for note in batches.flatMap(\.notes) { console.notice(note) }
            let added = batches.flatMap(\.attachments)
            pendingAttachments += added
            for attachment in added {
                console.say("attached \(attachment.displayName) (\(attachment.summary))")
            }
            console.say(Self.pendingLine(pendingAttachments.count))
        case .failure(let error as AttachmentError):
            console.error(
                .init(message: error.words.message + " (nothing attached)", advice: error.words.advice))
        case .failure:
            console.notice("[interrupted: nothing attached]")
        }
    }

    func listAttachments() {
        guard !pendingAttachments.isEmpty else {
            console.say("no attachments: /attach PATH|URL adds one to the next message")
            return
        }
        let lines = pendingAttachments.enumerated().map { index, attachment in
            "\(index + 1). \(attachment.displayName)  (\(attachment.summary))"
        }
        console.say((lines + [Self.pendingLine(pendingAttachments.count)]).joined(separator: "\n"))
    }

    func detach(_ argument: String) {
        guard !pendingAttachments.isEmpty else {
            console.say("no attachments to remove")
            return
        }
        if argument.isEmpty {
            let count = pendingAttachments.count
            pendingAttachments = []
            console.say(count == 1 ? "1 attachment removed" : "\(count) attachments removed")
            return
        }
        guard let number = Int(argument), (1...pendingAttachments.count).contains(number) else {
            let range = pendingAttachments.count == 1 ? "1" : "1 to \(pendingAttachments.count)"
            rejectValue(
                "/detach takes the number of a pending attachment (\(range)), or nothing for all", got: argument)
            return
        }
        let removed = pendingAttachments.remove(at: number - 1)
        console.say("removed \(SafeText.neutralized(removed.name)); " + Self.pendingLine(pendingAttachments.count))
    }

    /// A loaded conversation with its attachments' bytes read back; the missing ones said in one line.
    func withAttachments(_ conversation: Conversation, sessionPath: String) -> Conversation {
        let store = AttachmentStore(sessionPath: sessionPath)
        let (resolved, missing) = store.resolving(conversation)
        if let notice = store.missingNotice(missing) { console.notice(notice) }
        return resolved
    }

    private static func pendingLine(_ count: Int) -> String {
        switch count {
        case 0: "no attachments go with the next message"
        case 1: "1 attachment goes with the next message"
        default: "\(count) attachments go with the next message"
        }
    }
}
