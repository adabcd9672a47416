import ChatClient
import Foundation
import TestSupport
import Testing

@testable import ChatREPL

@Suite("Stored attachments: exported with their session, deleted when no session refers to them")
struct AttachmentCollectorTests {
    let temporary = TemporaryDirectory()
    var sessions: String { temporary.path + "/sessions" }

    /// A conversation with one image attachment of these bytes, saved to `name`.
    func save(_ name: String, image: [UInt8], turns: Int = 1) throws -> (path: String, sha256: String) {
        let loader = AttachmentLoader(
            settings: AttachmentSettings(),
            server: AttachmentServer(takesFileParts: false, fetchesImageURLs: true, host: "x"))
        let attachment = loader.image(image, kind: .png, name: "pic.png")
        var conversation = Conversation(settings: ConversationSettings(model: "m"))
        for turn in 0..<turns {
            conversation.appendUser(
                turn == 0
                    ? ChatMessage.user(text: "look", parts: [attachment.part])
                    : ChatMessage(role: .user, content: "more"))
            conversation.appendReply("ok", info: TurnInfo(time: "2026-01-01T00:00:00Z"))
        }
        let path = sessions + "/" + name
        try SessionStore(directory: sessions).save(conversation, to: path)
        return (path, SHA256.hex(image))
    }

    var catalog: SessionCatalog {
        SessionCatalog(
            directory: sessions, indexPath: temporary.path + "/state/index.db",
            listingPath: temporary.path + "/state/last-listing")
    }

    func context() -> IndexContext {
        IndexContext(
            catalog: catalog, console: Console(out: RecordingSink(), err: RecordingSink(), style: .plain),
            confirm: nil, now: 1_768_435_200)
    }

    /// A reference whose sha256 is not one (a hand-edited session) is told like a missing
    /// attachment, and the conversation still loads.
    @Test func aDamagedReferenceIsToldAsMissing() throws {
        try withTemporaryDirectorySync { directory in
            let damaged = JSONValue.object([
                "type": .string("image_url"), "image_url": .object([:]),
                AttachmentReference.key: .object(["sha256": .number(5), "name": .string("shot.png")]),
            ])
            let conversation = Conversation(
                settings: ConversationSettings(model: "m"),
                messages: [ChatMessage.user(text: "look", parts: [damaged])], info: [nil], created: "t")
            let store = AttachmentStore(sessionPath: directory + "/s.json")
            let (loaded, missing) = store.resolving(conversation)
            #expect(missing.map(\.name) == ["shot.png"])
            #expect(store.missingNotice(missing)?.contains("shot.png") == true)
            #expect(loaded.messages.count == 1)
        }
    }

    @Test func rmDeletesWhatOnlyThatSessionReferredTo() throws {
        let (first, own) = try save("a.json", image: SampleFiles.png)
        let (_, shared) = try save("b.json", image: SampleFiles.png + [1])
        let (third, _) = try save("c.json", image: SampleFiles.png + [1])
        let store = AttachmentStore(sessionPath: first)
        #expect(FileSystem.exists(store.path(of: own)) && FileSystem.exists(store.path(of: shared)))
        #expect(RemoveCommand(context: context()).run(session: first, turn: nil, yes: true) == .ok)
        #expect(!FileSystem.exists(store.path(of: own)))
        #expect(FileSystem.exists(store.path(of: shared)))
        #expect(RemoveCommand(context: context()).run(session: third, turn: nil, yes: true) == .ok)
        #expect(FileSystem.exists(store.path(of: shared)), "b.json still refers to it")
    }

    @Test func rmOfATurnDeletesThatTurnsAttachment() throws {
        let (path, sha) = try save("t.json", image: SampleFiles.png, turns: 2)
        let store = AttachmentStore(sessionPath: path)
        #expect(RemoveCommand(context: context()).run(session: path, turn: 2, yes: true) == .ok)
        #expect(FileSystem.exists(store.path(of: sha)))
        #expect(RemoveCommand(context: context()).run(session: path, turn: 1, yes: true) == .ok)
        #expect(!FileSystem.exists(store.path(of: sha)))
        #expect(try SessionStore(directory: sessions).load(path).messages.isEmpty)
    }

    @Test func anUnreadableSessionInTheFolderLeavesEverythingAlone() throws {
        let (path, sha) = try save("a.json", image: SampleFiles.png)
        try Data("{broken".utf8).write(to: URL(fileURLWithPath: sessions + "/broken.json"))
        #expect(RemoveCommand(context: context()).run(session: path, turn: nil, yes: true) == .ok)
        #expect(FileSystem.exists(AttachmentStore(sessionPath: path).path(of: sha)))
    }

    @Test func recentAttachmentsNoRemovedSessionNamedAreKept() throws {
        let (path, _) = try save("a.json", image: SampleFiles.png)
        let store = AttachmentStore(sessionPath: path)
        let stray = store.path(of: String(repeating: "ab", count: 32))
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: stray))
        #expect(AttachmentCollector.sweep(besides: [path]) == 0)
        #expect(FileSystem.exists(stray))
    }

    @Test func exportSendsTheBytesInJSONAndNamesThemInMarkdown() throws {
        let (path, _) = try save("e.json", image: SampleFiles.png)
        let out = RecordingSink()
        let context = IndexContext(
            catalog: catalog, console: Console(out: out, err: RecordingSink(), style: .plain), confirm: nil,
            now: 1_768_435_200)
        #expect(ExportCommand(context: context).run(session: path, format: .json) == .ok)
        let json = out.text
        #expect(json.contains("data:image/png;base64," + Data(SampleFiles.png).base64EncodedString()))
        #expect(!json.contains("parley_attachment"))
        #expect(ExportCommand(context: context).run(session: path, format: .md) == .ok)
        #expect(out.text.contains("look\n\n*Attached: pic.png*\n"))
    }
}
