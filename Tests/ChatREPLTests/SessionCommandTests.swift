import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

@Suite("Saving, loading and listing sessions from the REPL", .serialized)
struct SessionCommandTests {
    /// Removed, with the sessions saved in it, when the test is over.
    let temporary = TemporaryDirectory()

    @Test func saveLoadAndSessions() async throws {
        let harness = Harness(
            server: try await TestServer { _, index in streamReply("r\(index)") }, directory: temporary.path)
        let elsewhere = harness.directory + "/kept/plan.json"
        let (first, _) = await harness.run(
            ["plan the trip", "/model planner", "/save \(elsewhere)", "/sessions"], save: true)
        #expect(first.conversation.messages.count == 2)
        #expect(harness.out.text.contains("saved to \(elsewhere)"))
        #expect(harness.out.text.contains("planner  1 replies  plan the trip"))
        let loaded = try SessionStore(directory: "/nonexistent").load(elsewhere)
        #expect(loaded.settings.model == "planner")

        let (second, _) = await harness.run(
            ["/load \(elsewhere)", "and the budget?", "/load /no/such/file.json"], save: true)
        let bodies = try harness.requestBodies()
        await harness.shutdown()
        #expect(harness.out.text.contains("loaded \(elsewhere): 1 replies, model planner"))
        #expect(messages(bodies.last ?? [:]).map { $0["content"] ?? "" } == ["plan the trip", "r0", "and the budget?"])
        #expect((bodies.last?["model"] as? String) == "planner")
        #expect(harness.err.text.contains("session /no/such/file.json: cannot be read"))
        #expect(second.conversation.messages.count == 4)  // the bad /load changed nothing
        // The loaded session is the one kept up to date now.
        #expect(try SessionStore(directory: "/nonexistent").load(elsewhere).messages.count == 4)
    }
}
