import ChatClient
import Render
import SessionIndex

/// The handlers of the commands that find conversations again, name them and forget turns.
extension REPL {
    func search(_ argument: String) {
        guard let index = autosave.index else {
            console.error(.init(message: "/search needs saved sessions, and they are off here (--no-save)"))
            return
        }
        guard !argument.allSatisfy(\.isWhitespace) else {
            console.error(.init(message: "/search needs something to look for: /search QUERY (as parley search)"))
            return
        }
        do throws(ParleyError) {
            listing = try SearchCommand.search(
                SearchQuery(text: argument), json: false, keeper: index, console: console)
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    func open(_ argument: String) {
        guard let index = autosave.index else {
            console.error(.init(message: "/open needs saved sessions, and they are off here (--no-save)"))
            return
        }
        guard !argument.isEmpty, argument.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            rejectValue("/open takes the number of a hit of the last /search", got: argument)
            return
        }
        do throws(ParleyError) {
            load(try index.catalog.resolve(argument, listing: listing))
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }

    func setTitle(_ argument: String) {
        guard !argument.isEmpty else {
            console.say("title: " + SafeText.neutralized(conversation.displayTitle))
            return
        }
        conversation.title = argument
        autosave.save(conversation)
        console.say("title: \(argument)" + (conversation.isEmpty ? " (saved with the first exchange)" : ""))
    }

    /// Like /undo, and then the index file is rewritten too, so no copy of the exchange is left.
    func forget() {
        let before = AttachmentCollector.references(conversation.messages)
        guard conversation.undo() != nil else {
            console.say("nothing to forget")
            return
        }
        autosave.save(conversation)
        let forgotten = before.subtracting(AttachmentCollector.references(conversation.messages))
        if !forgotten.isEmpty, let path = autosave.path, !autosave.isFailing {
            AttachmentCollector.sweep(besides: [path], removed: forgotten)
        }
        guard let index = autosave.index, !autosave.isFailing else {
            console.say("last exchange forgotten" + (autosave.store == nil ? " (nothing was on disk)" : ""))
            return
        }
        do throws(ParleyError) {
            try index.vacuum()
            console.say("last exchange forgotten: it is gone from the session file and the search index")
        } catch {
            console.error(ErrorWording.words(for: error, context: nil))
        }
    }
}
