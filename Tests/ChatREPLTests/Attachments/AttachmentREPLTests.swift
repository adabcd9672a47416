import ChatClient
import Foundation
import HTTPTransportAHC
import TestSupport
import Testing

@testable import ChatREPL

@Suite("Attachments in the REPL and in sessions", .serialized)
struct AttachmentREPLTests {
    let temporary = TemporaryDirectory()

    /// Runs the REPL over `lines` with /attach available; sessions go to the temporary directory.
    func run(
        _ lines: [String], server: TestServer, save: Bool = false, start: Conversation? = nil, path: String? = nil
    ) async -> (REPL, Harness) {
        let harness = Harness(server: server, directory: temporary.path)
        let reader = ScriptedReader(lines)
        let runner = TurnRunner(
            client: harness.client, console: harness.console, interrupts: InterruptController(), stream: true,
            spinner: false,
            errorContext: ErrorWording.Context(baseURL: server.baseURL, model: "m", keySent: false, keyNote: ""))
        let loader = AttachmentLoader(
            settings: AttachmentSettings(),
            server: AttachmentServer(takesFileParts: false, fetchesImageURLs: true, host: "127.0.0.1"))
        let store = save ? SessionStore(directory: temporary.path + "/sessions") : nil
        let repl = REPL(
            conversation: start ?? Conversation(settings: ConversationSettings(model: "m")), runner: runner,
            reader: reader, console: harness.console,
            autosave: Autosave(store: store, path: path, lock: nil, console: harness.console),
            hooks: REPLHooks(attachments: loader))
        _ = await repl.run()
        return (repl, harness)
    }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = temporary.path + "/" + name
        try SampleFiles.write(bytes, to: path)
        return path
    }

    func userParts(_ body: [String: Any]) -> [[String: Any]] {
        ((body["messages"] as? [[String: Any]])?.last?["content"] as? [[String: Any]]) ?? []
    }

    @Test func attachListDetachThenSendWithTheNextMessageOnly() async throws {
        let image = try file("shot.png", SampleFiles.png)
        let notes = try file("my notes.md", Array("# notes\n".utf8))
        let (repl, harness) = await run(
            [
                "/attachments", "/attach \(image) '\(notes)'", "/attachments", "/detach 5", "/detach x",
                "/detach 1", "/attachments", "what is in them?", "and now?",
            ], server: try await TestServer { _, index in streamReply("r\(index)") })
        let bodies = try harness.requestBodies()
        let out = harness.out.text
        let err = harness.err.text
        await harness.shutdown()
        #expect(out.contains("no attachments: /attach PATH|URL adds one to the next message"))
        #expect(out.contains("attached \(image) (PNG image, 70 B)"))
        #expect(out.contains("attached \(notes) (text, 8 B)"))
        #expect(out.contains("1. \(image)  (PNG image, 70 B)\n2. \(notes)  (text, 8 B)\n2 attachments go with"))
        #expect(
            err.contains("/detach takes the number of a pending attachment (1 to 2), or nothing for all; got \"5\""))
        #expect(err.contains("got \"x\" (nothing changed)"))
        #expect(out.contains("removed \(image); 1 attachment goes with the next message"))
        #expect(bodies.count == 2)
        let parts = userParts(bodies[0])
        #expect(parts.count == 2)
        #expect(parts[0]["text"] as? String == "what is in them?")
        #expect((parts[1]["text"] as? String)?.hasSuffix("my notes.md\n```markdown\n# notes\n```\n") == true)
        #expect(((bodies[1]["messages"] as? [[String: Any]])?.last?["content"] as? String) == "and now?")
        #expect(repl.pendingAttachments.isEmpty)
        #expect(repl.conversation.messages.first?.content == "what is in them?")
    }

    @Test func aRefusedNameAttachesNothingAndSendsNothing() async throws {
        let image = try file("ok.png", SampleFiles.png)
        let binary = try file("tool.bin", SampleFiles.binary)
        let (repl, harness) = await run(
            ["/attach \(image) \(binary)", "/attach", "/attach 'unclosed", "/attachments"],
            server: try await TestServer { _, _ in streamReply("r") })
        let err = harness.err.text
        let out = harness.out.text
        await harness.shutdown()
        #expect(harness.server.requests.isEmpty)
        #expect(
            err.contains("error: cannot attach \(binary): not an image (PNG, JPEG, GIF, WebP), a PDF or UTF-8 text"))
        #expect(err.contains("(nothing attached)"))
        #expect(err.contains("/attach needs a file, directory, glob or URL"))
        #expect(err.contains("/attach takes paths or URLs, quoted when they hold spaces; got \"'unclosed\""))
        #expect(out.contains("no attachments: /attach"))
        #expect(repl.pendingAttachments.isEmpty)
        #expect(!err.contains("not sent"))
    }

    @Test func attachmentsLeftPendingAtTheEndAreSaidToBeUnsent() async throws {
        let image = try file("left.png", SampleFiles.png)
        let (_, harness) = await run(["/attach \(image)"], server: try await TestServer { _, _ in streamReply("r") })
        await harness.shutdown()
        #expect(harness.err.text == "note: 1 attachment was not sent: no message followed\n")
    }

    @Test func aMessageThatFailsKeepsItsAttachmentsAndTheHintSaysWhy() async throws {
        let image = try file("shot.png", SampleFiles.png)
        let mmproj =
            #"{"error":{"code":500,"message":"image input is not supported - hint: if this is unexpected, you may need to provide the mmproj","type":"server_error"}}"#
        let (repl, harness) = await run(
            ["/attach \(image)", "describe", "/attachments", "describe", "/retry"],
            server: try await TestServer { _, index in
                index == 0 ? .json(mmproj, status: 500) : streamReply("a picture")
            })
        let bodies = try harness.requestBodies()
        let err = harness.err.text
        await harness.shutdown()
        // One request (a 500 that names the mmproj is not retried), then the same message again.
        #expect(bodies.count == 3)
        #expect(err.contains("start llama-server with --mmproj"))
        #expect(harness.out.text.contains("1. \(image)"))
        #expect(userParts(bodies[1]).count == 2)
        // /retry sends the message with its own attachment again.
        #expect(userParts(bodies[2]).count == 2)
        #expect(repl.pendingAttachments.isEmpty)
        #expect(repl.conversation.messages.count == 2)
    }

    @Test(arguments: [
        (
            500,
            #"{"error":{"code":500,"message":"image input is not supported - hint: if this is unexpected, you may need to provide the mmproj","type":"server_error"}}"#,
            "--mmproj"
        ),
        (
            400,
            #"{"error":{"message":"image URLs are not currently supported, please use base64 encoded data instead","type":"invalid_request_error","param":null,"code":null}}"#,
            "\"inline_urls\": true"
        ),
        (
            400, #"{"error":{"code":400,"message":"unsupported content[].type","type":"invalid_request_error"}}"#,
            "kind of attachment"
        ),
        (
            400,
            #"{"error":{"message":"Invalid content type. image_url is only supported by certain models.","type":"invalid_request_error","param":"messages.[0].content.[1].type","code":null}}"#,
            "vision model"
        ),
        (400, #"{"error":"Model does not support images. Please use a model that does."}"#, "vision model"),
    ])
    func serverRefusalsOfAttachmentsGetAOneLineHint(status: Int, body: String, hint: String) throws {
        let detail = ServerErrorDetail.parse(Array(body.utf8))
        let words = ErrorWording.words(for: .http(status: status, detail: detail, requestID: nil), context: nil)
        #expect(words.advice?.contains(hint) == true, "\(words)")
    }

    @Test func aSavedSessionHoldsReferencesAndResumingSendsTheBytesAgain() async throws {
        let image = try file("shot.png", SampleFiles.png)
        let text = try file("code.swift", Array(String(repeating: "let x = 1\n", count: 2000).utf8))
        let sessionPath = temporary.path + "/sessions/s.json"
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (first, harness) = await run(
            ["/attach \(image) \(text)", "look"], server: server, save: true, path: sessionPath)
        _ = first
        let bytes = try Data(contentsOf: URL(fileURLWithPath: sessionPath))
        let saved = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.count < 4000, "the session file holds references, not the 20 KB of text and the image")
        #expect(saved.contains("\"parley_attachment\""))
        #expect(!saved.contains("base64"))
        let store = AttachmentStore(sessionPath: sessionPath)
        let loaded = try SessionStore(directory: temporary.path + "/sessions").load(sessionPath)
        let references = loaded.messages.flatMap(\.attachmentReferences)
        #expect(references.count == 2)
        for reference in references {
            let stored = try Data(contentsOf: URL(fileURLWithPath: store.path(of: reference.sha256)))
            #expect(SHA256.hex(Array(stored)) == reference.sha256)
            #expect(FileSystem.permissions(store.path(of: reference.sha256)) == 0o600)
        }
        #expect(loaded.messages.first?.content == "look")

        // Resumed with /load, the next request carries the bytes again.
        let (_, second) = await run(["/load \(sessionPath)", "again"], server: server)
        let bodies = try second.requestBodies()
        let parts = try #require((bodies.last?["messages"] as? [[String: Any]])?.first?["content"] as? [[String: Any]])
        #expect(
            (parts[1]["image_url"] as? [String: Any])?["url"] as? String
                == "data:image/png;base64," + Data(SampleFiles.png).base64EncodedString())
        #expect((parts[2]["text"] as? String)?.contains("let x = 1\nlet x = 1\n") == true)
        #expect(second.err.text.isEmpty)
        await second.client.shutdown()
        await harness.shutdown()
    }

    @Test func aMissingAttachmentIsOneLineAndTheConversationStillLoads() async throws {
        let image = try file("shot.png", SampleFiles.png)
        let sessionPath = temporary.path + "/sessions/m.json"
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (_, harness) = await run(["/attach \(image)", "look"], server: server, save: true, path: sessionPath)
        try FileManager.default.removeItem(atPath: temporary.path + "/sessions/attachments")
        let (repl, second) = await run(["/load \(sessionPath)", "again"], server: server)
        let bodies = try second.requestBodies()
        let notes = second.err.text.split(separator: "\n")
        #expect(notes.count == 1)
        #expect(notes.first?.contains("refers to an attachment not found (or damaged)") == true)
        #expect(notes.first?.contains(image) == true)
        #expect(repl.conversation.messages.count == 4)
        let parts = try #require((bodies.last?["messages"] as? [[String: Any]])?.first?["content"] as? [[String: Any]])
        #expect(parts[1]["text"] as? String == "[attachment \(image) is missing: its stored copy was not found]")
        // Saved again, the reference stays, so the bytes can still be put back.
        #expect(repl.conversation.messages.first?.attachmentReferences.count == 1)
        await second.client.shutdown()
        await harness.shutdown()
    }

    @Test func forgetDeletesTheForgottenExchangesAttachment() async throws {
        let image = try file("forget.png", SampleFiles.png + [9])
        let sessionPath = temporary.path + "/sessions/f.json"
        let server = try await TestServer { _, index in streamReply("r\(index)") }
        let (repl, harness) = await run(
            ["/attach \(image)", "look", "/forget"], server: server, save: true, path: sessionPath)
        await harness.shutdown()
        #expect(repl.conversation.messages.isEmpty)
        let stored = AttachmentStore(sessionPath: sessionPath).path(of: SHA256.hex(SampleFiles.png + [9]))
        #expect(!FileSystem.exists(stored))
        #expect(harness.out.text.contains("last exchange forgotten"))
    }
}
