import ChatClient
import Render

/// The handlers of the commands that change which conversation this is, or where it is kept.
extension REPL {
    func undo() {
        if conversation.undo() == nil {
            console.say("nothing to undo")
        } else {
            console.say("last exchange removed")
            autosave.save(conversation)
        }
    }

    func retry() async {
        // The whole message goes again as it was sent: its attachments, and the role's text around it.
        guard let last = conversation.messages.last(where: { $0.role == .user }), conversation.undo() != nil else {
            console.say("nothing to retry")
            return
        }
        await send(last)
    }

    func clear() {
        autosave.save(conversation)
        conversation.clear()
        do {
            try autosave.switchTo(path: nil)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
        console.say("new conversation")
    }

    func save(to argument: String) {
        if argument.isEmpty {
            guard autosave.store != nil else {
                console.error(.init(message: "sessions are off (--no-save); /save FILE saves to FILE"))
                return
            }
            autosave.save(conversation)
            if let path = autosave.path { console.say("saved to \(path)") }
            return
        }
        let store = autosave.store ?? SessionStore(directory: ".")
        if argument != autosave.path, FileSystem.exists(argument), !confirmReplacing(argument) { return }
        do {
            // The lock first: a file another Parley holds is never written.
            try FileSystem.makeParent(of: argument)
            let lock = try SessionLock(sessionPath: argument)
            let updated = try store.save(conversation, to: argument)
            autosave.index?.saved(conversation, to: argument, updated: updated)
            if autosave.store != nil {
                try autosave.switchTo(path: argument, heldLock: lock)
            } else {
                lock.release()
            }
            console.say("saved to \(argument)")
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    /// /save onto a file that is not this conversation's: asked first, and anything but yes
    /// keeps the file as it is.
    private func confirmReplacing(_ path: String) -> Bool {
        let isSession = (try? (autosave.store ?? SessionStore(directory: ".")).load(path)) != nil
        let what = isSession ? "another Parley session" : "a file that is not a Parley session"
        switch reader.readLine(prompt: "\(path) exists and holds \(what); replace it? [y/N] ") {
        case .line(let answer) where ["y", "yes"].contains(answer.strippedOfWhitespace.lowercased()):
            return true
        default:
            console.say("not saved: \(path) is kept as it was")
            return false
        }
    }

    func load(_ argument: String) {
        guard !argument.isEmpty else {
            console.error(.init(message: "/load needs a session file: /load FILE (/sessions lists recent ones)"))
            return
        }
        let store = autosave.store ?? SessionStore(directory: ".")
        do {
            let loaded = try store.load(argument)
            autosave.save(conversation)
            if autosave.store != nil { try autosave.switchTo(path: argument) }
            if let opener {
                conversation = opener.resume(loaded)
            } else {
                var settings = loaded.settings
                settings.baseURL = conversation.settings.baseURL
                conversation = Conversation(
                    settings: settings, messages: loaded.messages, info: loaded.info, created: loaded.created,
                    title: loaded.title, fileKeys: loaded.fileKeys)
            }
            origins = SettingOrigins.resumed(conversation.settings, flags: opener?.flags ?? CommandLineSettings())
            conversation = withAttachments(conversation, sessionPath: argument)
            console.say(
                "loaded \(argument): \(conversation.turnCount) replies, model "
                    + SafeText.neutralized(conversation.settings.model))
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    func listSessions() {
        guard let store = autosave.store else {
            console.say("sessions are off (--no-save)")
            return
        }
        let sessions = store.recent(limit: 20)
        guard !sessions.isEmpty else {
            console.say("no saved sessions in \(store.directory)")
            return
        }
        let lines = sessions.map { entry -> String in
            let time = Timestamp.text(entry.modified).replacing("T", with: " ").dropLast()
            guard let conversation = entry.conversation else { return "\(time)  (unreadable)  \(entry.path)" }
            return "\(time)  \(SafeText.neutralized(conversation.settings.model))  \(conversation.turnCount) replies  "
                + "\(SafeText.neutralized(String(conversation.topic.prefix(40))))\n    \(entry.path)"
        }
        console.say(lines.joined(separator: "\n"))
    }
}
