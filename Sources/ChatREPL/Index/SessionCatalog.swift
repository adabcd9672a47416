import ChatClient
import SessionIndex

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The saved sessions as the search index sees them: the `.json` files directly in the sessions
/// folder, each read into an `IndexedSession`; SESSION arguments resolved to files; and the last
/// listing kept, so that `parley show 2` means the second hit of the last search.
public struct SessionCatalog: Sendable {
    /// The sessions folder.
    public let directory: String
    /// The index file.
    public let indexPath: String
    /// Where the last listing is kept; nil keeps none (a run that writes nothing).
    public let listingPath: String?

    public init(directory: String, indexPath: String, listingPath: String?) {
        self.directory = directory
        self.indexPath = indexPath
        self.listingPath = listingPath
    }

    /// The catalog of this run's paths.
    public init(paths: Paths) {
        self.init(directory: paths.sessions, indexPath: paths.index, listingPath: paths.lastListing)
    }

    // MARK: - Files

    /// The session files in the folder now, with what the index compares, in no set order.
    public func stamps() -> [SessionFileStamp] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        // Each file is examined relative to the open folder: with 10,000 sessions, looking up
        // the whole path again for each costs more than the rest of a search.
        let descriptor = dirfd(folder)
        var stamps: [SessionFileStamp] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard Self.isSessionName(name) else { continue }
            var info = stat()
            guard fstatat(descriptor, name, &info, 0) == 0 else { continue }
            if let stamp = Self.stamp(directory + "/" + name, info) { stamps.append(stamp) }
        }
        return stamps
    }

    /// A regular file's modification time and size, read the way the index records them.
    public static func stamp(_ path: String) -> SessionFileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(path, info)
    }

    private static func stamp(_ path: String, _ info: stat) -> SessionFileStamp? {
        guard info.st_mode & S_IFMT == S_IFREG else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        return SessionFileStamp(path: path, modified: modified, size: Int(info.st_size))
    }

    /// Session files end in `.json`; hidden names are temporary files and locks.
    static func isSessionName(_ name: String) -> Bool {
        name.hasSuffix(".json") && !name.hasPrefix(".")
    }

    /// The path the index knows a session file by, when it follows it: a `.json` file directly
    /// in the sessions folder, however `path` reaches it. Sessions kept elsewhere are not indexed,
    /// since a rebuild from the folder could not find them again.
    public func indexedPath(for path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard Self.isSessionName(name) else { return nil }
        let parent = FileSystem.parent(of: path)
        guard let folder = Self.realPath(directory), let actual = Self.realPath(parent.isEmpty ? "." : parent),
            folder == actual
        else { return nil }
        return directory + "/" + name
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    // MARK: - Reading sessions

    /// One session file as the index sees it, and why it could not be read when it could not:
    /// such a file is still listed (its title says so, it has no messages), so it does not look
    /// new at every check. nil when the file is gone.
    public func read(_ path: String) -> (session: IndexedSession, problem: ParleyError?)? {
        // The stamp before the text: a write in between then looks like a change next time.
        guard let stamp = Self.stamp(path) else { return nil }
        do throws(ParleyError) {
            let file = try SessionFile.read(FileSystem.read(path), path: path)
            let conversation = try file.conversation(path: path)
            return (Self.indexed(conversation, path: path, updated: file.updated, stamp: stamp), nil)
        } catch {
            let updated = Timestamp.text(stamp.modified)
            let session = IndexedSession(
                path: path, title: "(unreadable)", created: updated, updated: updated, model: "",
                modified: stamp.modified, size: stamp.size, messages: [])
            return (session, error)
        }
    }

    /// A conversation as the index takes it. Exchange n is the n-th user message and what follows
    /// it; a user message takes its reply's time, as it has none of its own.
    public static func indexed(_ conversation: Conversation, path: String, updated: String, stamp: SessionFileStamp)
        -> IndexedSession
    {
        var messages: [IndexedMessage] = []
        var turn = 0
        var waitingForTime: Int?
        for (index, message) in conversation.messages.enumerated() {
            let info = conversation.info.indices.contains(index) ? conversation.info[index] : nil
            if message.role == .user { turn += 1 }
            if message.role == .assistant, let info, let waiting = waitingForTime {
                messages[waiting].time = info.time
                waitingForTime = nil
            }
            guard message.role == .user || message.role == .assistant, !message.content.isEmpty else { continue }
            if message.role == .user { waitingForTime = messages.count }
            messages.append(
                IndexedMessage(
                    turn: max(turn, 1), role: message.role.rawValue, text: message.content, time: info?.time ?? "",
                    model: info?.model))
        }
        return IndexedSession(
            path: path, title: conversation.displayTitle, created: conversation.created, updated: updated,
            model: conversation.settings.model, modified: stamp.modified, size: stamp.size, messages: messages)
    }

    // MARK: - SESSION arguments and the last listing

    /// The session file a SESSION argument names: a number from the last listing (or from
    /// `listing` when given), a path, or a file name in the sessions folder (`.json` may be left off).
    public func resolve(_ argument: String, listing: [String]? = nil) throws(ParleyError) -> String {
        if !argument.isEmpty, argument.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let paths = listing ?? lastListing()
            guard !paths.isEmpty else {
                throw .unknownSession("no session \(argument): there is no listing yet to take a number from")
            }
            guard let number = Int(argument), number >= 1, number <= paths.count else {
                throw .unknownSession(
                    "no session \(argument): the last listing had \(paths.count) entr\(paths.count == 1 ? "y" : "ies")")
            }
            let path = paths[number - 1]
            guard FileSystem.exists(path) else {
                throw .unknownSession("no session \(argument): \(path), number \(number) of the last listing, is gone")
            }
            return path
        }
        if !argument.isEmpty, Self.stamp(argument) != nil { return argument }
        if !argument.isEmpty, !argument.contains("/") {
            for name in [argument, argument + ".json"] where Self.stamp(directory + "/" + name) != nil {
                return directory + "/" + name
            }
        }
        throw .unknownSession("no session \"\(argument)\": no such file here or in \(directory)")
    }

    /// Keeps the session files of a listing, in its order, for the next SESSION number.
    public func remember(_ paths: [String]) {
        guard let listingPath else { return }
        let absolute = paths.map(Self.absolute)
        guard let data = try? JSONEncoder().encode(absolute) else { return }
        try? FileSystem.makeParent(of: listingPath)
        try? FileSystem.writeAtomically(Array(data), to: listingPath)
    }

    /// The session files of the last listing; empty when there was none.
    public func lastListing() -> [String] {
        guard let listingPath, let bytes = try? FileSystem.read(listingPath) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(bytes))) ?? []
    }

    /// A path that means the same from any directory.
    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let directory = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return directory + "/" + path
    }
}
