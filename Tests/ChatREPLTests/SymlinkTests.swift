import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("A session reached through a symbolic link")
struct SymlinkTests {
    @Test(arguments: [false, true])
    func isSavedWhereTheLinkPointsAndTheLinkStays(relative: Bool) async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(atPath: directory + "/real", withIntermediateDirectories: true)
            let target = directory + "/real/session.json"
            let link = directory + "/link.json"
            let store = SessionStore(directory: directory)
            var conversation = Conversation(settings: ConversationSettings(model: "m"))
            conversation.appendUser("first")
            try store.save(conversation, to: target)
            try FileManager.default.createSymbolicLink(
                atPath: link, withDestinationPath: relative ? "real/session.json" : target)
            conversation.appendReply("second", info: TurnInfo(time: "2026-01-01T00:00:00Z"))
            try store.save(conversation, to: link)
            let kind = try FileManager.default.attributesOfItem(atPath: link)[.type] as? FileAttributeType
            #expect(kind == .typeSymbolicLink)
            #expect(try store.load(target).turnCount == 1)
            #expect(try store.load(link).turnCount == 1)
        }
    }
}
