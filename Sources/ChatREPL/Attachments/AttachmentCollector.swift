import ChatClient

#if canImport(Glibc)
    import Glibc
#endif

/// Deletes stored attachments that no session file in their folder refers to any more, after
/// `parley rm`, `parley prune`, `rm --turn` and `/forget`. A folder holding a session file
/// that cannot be read is left alone (its references are unknown), and so is an attachment
/// written or reused in the last ten minutes (a session that refers to it may be on its way),
/// unless it is one the removed conversation or exchange referred to.
enum AttachmentCollector {
    static let grace: Double = 600

    /// Sweeps the attachment folders beside these session files; returns how many were deleted.
    @discardableResult
    static func sweep(besides sessionPaths: [String], removed: Set<String> = []) -> Int {
        let folders = Set(sessionPaths.map { FileSystem.parent(of: $0) })
        return folders.reduce(0) { $0 + sweep(folder: $1, removed: removed) }
    }

    /// The SHA-256 names a conversation's messages refer to.
    static func references(_ messages: some Sequence<ChatMessage>) -> Set<String> {
        Set(messages.flatMap { $0.attachmentReferences.map(\.sha256) })
    }

    private static func sweep(folder: String, removed: Set<String>) -> Int {
        let store = AttachmentStore(sessionPath: (folder.isEmpty ? "" : folder + "/") + "x.json")
        let stored = FileSystem.listNewestFirst(store.directory, suffix: "").filter { entry in
            let name = entry.path.split(separator: "/").last ?? ""
            return name.count == 64 && name.allSatisfy(\.isHexDigit)
        }
        guard !stored.isEmpty else { return 0 }
        var referenced: Set<String> = []
        for session in FileSystem.listNewestFirst(folder.isEmpty ? "." : folder, suffix: ".json") {
            guard let bytes = try? FileSystem.read(session.path),
                let file = try? SessionFile.read(bytes, path: session.path)
            else { return 0 }
            for message in file.messages { referenced.formUnion(message.attachmentReferences.map(\.sha256)) }
        }
        let now = Double(time(nil))
        var deleted = 0
        for entry in stored {
            let name = String(entry.path.split(separator: "/").last ?? "")
            guard !referenced.contains(name), removed.contains(name) || now - entry.modified > grace else { continue }
            if unlink(entry.path) == 0 { deleted += 1 }
        }
        return deleted
    }
}
