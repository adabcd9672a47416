import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Where sessions live and how they are written, read, listed and locked.
public struct SessionStore: Sendable {
    public let directory: String
    /// A small file naming the session used last, wherever it lives (for `-c`).
    public let lastUsedFile: String?

    public init(directory: String, lastUsedFile: String? = nil) {
        self.directory = directory
        self.lastUsedFile = lastUsedFile
    }

    /// Notes `path` as the session used last.
    public func markUsed(_ path: String) {
        guard let lastUsedFile else { return }
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if getcwd(&buffer, buffer.count) != nil {
                absolute =
                    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/"
                    + path
            }
        }
        let bytes = Array((absolute + "\n").utf8)
        // Each turn saved notes its session again: a note already there is not written again
        // (the atomic write and its two fsyncs cost a millisecond of every turn).
        if let noted = try? FileSystem.read(lastUsedFile), noted == bytes { return }
        try? FileSystem.makeParent(of: lastUsedFile)
        try? FileSystem.writeAtomically(bytes, to: lastUsedFile)
    }

    /// A new file name that sorts by time and hints at the topic:
    /// `2026-11-24T21-34-05-how-do-i-undo-a-commit.json`.
    public func newPath(topic: String, now: Double? = nil) -> String {
        let stamp = (now.map(Timestamp.text) ?? Timestamp.now()).replacing(":", with: "-").dropLast()
        var slug = ""
        for character in topic.lowercased() {
            if character.isLetter || character.isNumber, character.isASCII {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        var path = "\(directory)/\(stamp)\(slug.isEmpty ? "" : "-" + slug).json"
        var counter = 2
        while FileSystem.exists(path) {
            path = "\(directory)/\(stamp)-\(slug)-\(counter).json"
            counter += 1
        }
        return path
    }

    /// Writes the conversation's session file; returns the file's `updated` time.
    @discardableResult
    public func save(_ conversation: Conversation, to path: String) throws(ParleyError) -> String {
        try FileSystem.makeParent(of: path)
        // Attachments' bytes first, each fsynced: the file written next only refers to them.
        let document = SessionDocument(try AttachmentStore(sessionPath: path).storing(conversation))
        try FileSystem.writeAtomically(document.encoded(), to: path)
        return document.file.updated
    }

    public func load(_ path: String) throws(ParleyError) -> Conversation {
        try SessionFile.decode(FileSystem.read(path), path: path)
    }

    /// The session used last: the one `markUsed` noted if it still exists, else the newest
    /// file in the sessions directory.
    public func latest() -> String? {
        if let lastUsedFile, let bytes = try? FileSystem.read(lastUsedFile) {
            let path = String(decoding: bytes, as: UTF8.self).trimmingTrailingNewlines
            if !path.isEmpty, FileSystem.exists(path) { return path }
        }
        return FileSystem.listNewestFirst(directory, suffix: ".json").first?.path
    }

    /// Recent sessions, newest first, with what a listing shows.
    public func recent(limit: Int) -> [(path: String, modified: Double, conversation: Conversation?)] {
        FileSystem.listNewestFirst(directory, suffix: ".json").prefix(limit).map { entry in
            (entry.path, entry.modified, try? load(entry.path))
        }
    }
}
