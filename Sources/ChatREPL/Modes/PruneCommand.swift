import SessionIndex

/// `parley prune --older-than AGE`: deletes the sessions last updated before a moment, as
/// `parley rm` deletes one.
public struct PruneCommand {
    let context: IndexContext

    public init(context: IndexContext) {
        self.context = context
    }

    public func run(olderThan age: String, yes: Bool) -> ExitStatus {
        context.reporting { () throws(ParleyError) in
            let cutoff = try TimeCutoff.parse(age, now: context.now, flag: "--older-than")
            let keeper = context.keeper()
            let old = try keeper.sessions(limit: nil).filter { $0.updated < cutoff }
            let console = context.console
            let when = Listing.shortTime(cutoff) + " UTC"
            guard !old.isEmpty else {
                console.say("no sessions were last updated before \(when)")
                return
            }
            let count = old.count == 1 ? "1 session" : "\(old.count) sessions"
            guard
                try context.approved(
                    "remove \(count) last updated before \(when) for good?", yes: yes, command: "parley prune")
            else { return }
            var removed: [String] = []
            var references: Set<String> = []
            var failures: [ParleyError] = []
            for session in old {
                do throws(ParleyError) {
                    let messages = (try? SessionStore(directory: "").load(session.path))?.messages ?? []
                    try RemoveCommand.deleteFile(session.path)
                    references.formUnion(AttachmentCollector.references(messages))
                    removed.append(session.path)
                } catch {
                    // The others are still removed; the status tells that one was not.
                    failures.append(error)
                }
            }
            try keeper.forget(paths: removed)
            AttachmentCollector.sweep(besides: removed, removed: references)
            console.say("removed \(removed.count == 1 ? "1 session" : "\(removed.count) sessions")")
            for failure in failures.dropLast() { console.error(ErrorWording.words(for: failure, context: nil)) }
            if let last = failures.last { throw last }
        }
    }
}
