import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("Session files")
struct SessionTests {
    /// Removed, with everything in it, when the test is over (a suite instance lives for one test).
    let temporary = TemporaryDirectory()
    var directory: String { temporary.path }
    var store: SessionStore { SessionStore(directory: directory) }

    func sample() -> Conversation {
        var conversation = Conversation(
            settings: ConversationSettings(
                model: "gpt-x", baseURL: "http://h/v1", systemPrompt: "be kind", temperature: 0.7, maxTokens: 99))
        conversation.appendUser("hi")
        conversation.appendReply(
            "hello",
            info: TurnInfo(
                time: "2026-01-01T00:00:00Z", model: "gpt-x-1", usage: Usage(promptTokens: 3, completionTokens: 1),
                finishReason: "stop"))
        conversation.appendUser("tell me more")
        conversation.appendReply(
            "partial",
            info: TurnInfo(
                time: "2026-01-01T00:00:01Z", usage: Usage(promptTokens: 9, completionTokens: 2, estimated: true),
                interrupted: true))
        return conversation
    }

    @Test func roundTripKeepsEveryField() throws {
        let path = directory + "/a.json"
        try store.save(sample(), to: path)
        let loaded = try store.load(path)
        #expect(loaded == sample())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#""version" : 1"#))
        #expect(text.contains(#""role" : "system""#))
        #expect(text.contains(#""interrupted" : true"#))
        #expect(text.contains(#""total_tokens" : 15"#))
    }

    @Test func fileIsPrivate() throws {
        let path = directory + "/p.json"
        try store.save(sample(), to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("{not json", "invalid JSON"),
        (#"{"messages": []}"#, "no \"version\""),
        (#"{"version": 2, "messages": []}"#, "newer than this Parley reads"),
        (#"{"version": 1, "messages": "x"}"#, "is not a valid session"),
        (
            #"{"version": 1, "created": "x", "updated": "x", "settings": {"model": "m"}, "messages": [], "turns": [{"message_index": 5, "time": "t", "interrupted": false}], "totals": {"turns": 0, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}"#,
            "points at message 5"
        ),
        (#"[{"role": "user", "content": "foreign"}]"#, "is not a Parley session"),
        // A role's example (or a message) with a role no API has: its place, no Swift type name.
        (
            #"{"version": 1, "created": "x", "updated": "x", "settings": {"model": "m", "role_examples": [{"role": "wizard", "content": "x"}]}, "messages": [], "turns": [], "totals": {"turns": 0, "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}}"#,
            #"at 'settings.role_examples.0.role': "wizard" is not one of the accepted values"#
        ),
    ])
    func badFilesAreReportedAndLeftAlone(content: String, reason: String) throws {
        let path = directory + "/bad.json"
        try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try store.load(path)
        } throws: { error in
            guard case ParleyError.session(let reported, let message) = error else { return false }
            return reported == path && message.contains(reason) && (error as? ParleyError)?.exitStatus == .dataError
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test func aTruncatedFileIsAnError() throws {
        let path = directory + "/t.json"
        try store.save(sample(), to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: ParleyError.self) { _ = try store.load(path) }
    }

    @Test func aSecondLockIsRefused() throws {
        let path = directory + "/locked.json"
        let first = try SessionLock(sessionPath: path)
        #expect(throws: ParleyError.locked(path: path)) { _ = try SessionLock(sessionPath: path) }
        first.release()
        let again = try SessionLock(sessionPath: path)
        again.release()
    }

    @Test func namesSortByTimeAndHintAtTheTopic() {
        let path = store.newPath(topic: "How do I undo a `git commit`?", now: 1_800_000_000)
        #expect(path == directory + "/2027-01-15T08-00-00-how-do-i-undo-a-git-commit.json")
    }

    @Test func latestIsTheNewest() throws {
        // Saved in the "wrong" order, with modification times set a minute apart: the newest
        // is the one with the later time, whatever the file system's clock resolution.
        try store.save(sample(), to: directory + "/new.json")
        try store.save(sample(), to: directory + "/old.json")
        let now = Date()
        try FileManager.default.setAttributes(
            [.modificationDate: now.addingTimeInterval(-60)], ofItemAtPath: directory + "/old.json")
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: directory + "/new.json")
        #expect(store.latest() == directory + "/new.json")
    }

    /// The directory part of a path: what is before the last slash, as splitting on slashes and
    /// joining all but the last part gives it.
    @Test func theParentOfAPath() {
        for path in ["/a/b", "a", "/a", "a/b/", "/", "a//b", "", "//", "/a/b/c.json", "é/ü", "a/"] {
            let expected = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            #expect(FileSystem.parent(of: path) == expected, "\(path)")
        }
    }

    /// Each saved turn notes its session as the last used; the note is written only when it
    /// changes (an unchanged note is not replaced: same inode), and it always names the latest.
    @Test func theLastUsedNoteIsWrittenOnlyWhenItChanges() throws {
        let note = directory + "/state/last-session"
        let noting = SessionStore(directory: directory, lastUsedFile: note)
        try noting.save(sample(), to: directory + "/a.json")
        try noting.save(sample(), to: directory + "/b.json")
        noting.markUsed(directory + "/a.json")
        let inode = try #require(FileManager.default.attributesOfItem(atPath: note)[.systemFileNumber] as? UInt64)
        noting.markUsed(directory + "/a.json")
        #expect(try FileManager.default.attributesOfItem(atPath: note)[.systemFileNumber] as? UInt64 == inode)
        #expect(noting.latest() == directory + "/a.json")
        noting.markUsed(directory + "/b.json")
        #expect(noting.latest() == directory + "/b.json")
        #expect(try String(contentsOfFile: note, encoding: .utf8) == directory + "/b.json\n")
    }

    @Test func aFailedSaveIsReportedOnceAndCaughtUp() throws {
        let err = RecordingSink()
        let console = Console(out: RecordingSink(), err: err, style: .plain)
        let path = directory + "/s.json"
        // A directory where the file should go: the rename fails, even for root.
        try FileManager.default.createDirectory(atPath: path + "/blocker", withIntermediateDirectories: true)
        let autosave = Autosave(store: store, path: path, lock: nil, console: console)
        autosave.save(sample())
        autosave.save(sample())
        #expect(err.text.components(separatedBy: "could not be saved").count == 2)
        #expect(err.text.contains("kept in memory"))
        try FileManager.default.removeItem(atPath: path)
        autosave.save(sample())
        #expect(err.text.contains("session saved again"))
        #expect(try store.load(path) == sample())
    }
}
