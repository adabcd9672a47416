import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A valid 1×1 PNG, and the same picture's bytes with a changed last byte (another file).
private let png: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00,
    0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60, 0x60, 0x60, 0xF8, 0x0F, 0x00, 0x01, 0x04, 0x01, 0x00,
    0x5F, 0xE5, 0xC3, 0x4B, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

private func write(_ bytes: [UInt8], _ path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

/// The parts of the last user message of a request.
private func parts(_ request: RecordedRequest) -> [[String: Any]] {
    guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
        let messages = body["messages"] as? [[String: Any]]
    else { return [] }
    return messages.last?["content"] as? [[String: Any]] ?? []
}

@Suite("The binary with attachments", .serialized)
struct AttachmentTests {
    @Test func oneShotAttachesAnImageAndATextFile() async throws {
        try await withIsolatedHome { home in
            try write(png, home.path + "/screenshot.txt")
            try write(Array("print('hi')\n".utf8), home.path + "/tool.py")
            let server = try await TestServer(always: sseReply(["a pixel"]))
            let result = try await runParley(
                [
                    "--base-url", server.baseURL, "-a", home.path + "/screenshot.txt", "--attach",
                    home.path + "/tool.py", "--image-detail", "high", "what is this?",
                ], environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "a pixel\n")
            let sent = parts(try #require(server.requests.first))
            #expect(sent.count == 3)
            #expect(sent[0]["text"] as? String == "what is this?")
            let image = sent[1]["image_url"] as? [String: Any]
            #expect(image?["url"] as? String == "data:image/png;base64," + Data(png).base64EncodedString())
            #expect(image?["detail"] as? String == "high")
            #expect((sent[2]["text"] as? String)?.hasSuffix("tool.py\n```python\nprint('hi')\n```\n") == true)
            #expect(home.files == ["screenshot.txt", "tool.py"], "a one-shot run without --session stores nothing")
        }
    }

    @Test func aRefusedAttachmentExits66BeforeAnythingIsSent() async throws {
        try await withIsolatedHome { home in
            try write([0x7F, 0x45, 0x4C, 0x46, 0x00, 0xFF, 0xFE], home.path + "/program.png")
            let server = try await TestServer(always: sseReply(["never"]))
            for (name, reason) in [
                (
                    "program.png",
                    "not an image (PNG, JPEG, GIF, WebP), a PDF or UTF-8 text, the kinds Parley can attach"
                ),
                ("absent.jpg", "no such file or directory"),
            ] {
                let result = try await runParley(
                    ["--base-url", server.baseURL, "-a", home.path + "/" + name, "describe"],
                    environment: home.environment)
                #expect(result.status == 66)
                #expect(result.stdout == "")
                #expect(result.stderr == "error: cannot attach \(home.path)/\(name): \(reason)\n")
            }
            await server.shutdown()
            #expect(server.requests.isEmpty)
        }
    }

    @Test func dashAttachesStdinAndTheArgumentsAreThePrompt() async throws {
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "-a", "-", "describe", "it"], stdin: png, environment: home.environment)
            await server.shutdown()
            #expect(result.status == 0, "\(result.stderr)")
            let sent = parts(try #require(server.requests.first))
            #expect(sent.first?["text"] as? String == "describe it")
            #expect(
                (sent.last?["image_url"] as? [String: Any])?["url"] as? String
                    == "data:image/png;base64," + Data(png).base64EncodedString())
        }
    }

    /// A `pdftotext` on PATH (a script standing in for poppler's) gives the text of a PDF for a
    /// server that takes no PDF files; one that fails is one clear error.
    @Test func aPDFGoesAsItsTextThroughPdftotext() async throws {
        try await withIsolatedHome { home in
            let bin = home.path + "/bin"
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            let script = bin + "/pdftotext"
            try write(Array("#!/bin/sh\ntest -s \"$5\" || exit 9\necho \"Extracted page one\"\n".utf8), script)
            chmod(script, 0o755)
            try write(Array("%PDF-1.4\n%%EOF\n".utf8), home.path + "/paper.bin")
            var environment = home.environment
            environment["PATH"] = bin + ":/usr/bin:/bin"
            let server = try await TestServer(always: sseReply(["ok"]))
            let result = try await runParley(
                ["--base-url", server.baseURL, "-a", home.path + "/paper.bin", "summarize"], environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.contains("takes no PDF files: the text of \(home.path)/paper.bin is sent instead"))
            let sent = parts(try #require(server.requests.first))
            #expect(
                (sent.last?["text"] as? String)?.hasSuffix(
                    "(text of the PDF, by pdftotext)\n```\nExtracted page one\n```\n") == true)

            try write(Array("#!/bin/sh\nexit 3\n".utf8), script)
            let failed = try await runParley(
                ["--base-url", server.baseURL, "-a", home.path + "/paper.bin", "summarize"], environment: environment)
            #expect(failed.status == 66)
            #expect(failed.stderr.contains("pdftotext could not read it (exit status 3)"))
            await server.shutdown()
            #expect(server.requests.count == 1)
        }
    }

    @Test func badValuesAreUsageAndConfigErrors() async throws {
        try await withIsolatedHome { home in
            let detail = try await runParley(
                ["--base-url", "http://127.0.0.1:9/v1", "--image-detail", "max", "q"], environment: home.environment)
            #expect(detail.status == 64)
            #expect(detail.stderr.contains("--image-detail takes low, high or auto, got max"))
            let config = home.path + "/bad.json"
            try write(Array(#"{"attachments": {"max_files": 0}}"#.utf8), config)
            let bad = try await runParley(
                ["--config", config, "--base-url", "http://127.0.0.1:9/v1", "q"], environment: home.environment)
            #expect(bad.status == 78)
            #expect(bad.stderr.contains("key 'attachments.max_files': expected a whole number from 1 to 100000"))
        }
    }

    @Test func attachAtTheStartAndInTheREPLGoWithTheNextMessage() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            try write(png, home.path + "/pic.png")
            try write(Array("# Notes\n".utf8), home.path + "/notes.md")
            let server = try await TestServer(always: sseReply(["seen"]))
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "-a", home.path + "/pic.png"],
                environment: home.environment)
            #expect(await terminal.waitFor("it goes with your first message") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            // Tab completes the path after /attach.
            terminal.send("/attach \(home.path)/no\t")
            #expect(await terminal.waitFor("notes.md") != nil)
            terminal.send("\r")
            #expect(await terminal.waitFor("2 attachments go with the next message") != nil)
            terminal.send("/attachments\r")
            #expect(await terminal.waitFor("2. \(home.path)/notes.md") != nil)
            terminal.send("look\r")
            #expect(await terminal.waitFor("seen") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("/attachments\r")
            #expect(await terminal.waitFor("no attachments") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            let sent = parts(try #require(server.requests.first))
            #expect(sent.map { $0["type"] as? String } == ["text", "image_url", "text"])
        }
    }

    @Test func aRefusedAttachmentAtREPLStartExits66() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let server = try await TestServer(always: sseReply(["never"]))
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "-a", home.path + "/gone.png"],
                environment: home.environment)
            #expect(await terminal.waitFor("cannot attach \(home.path)/gone.png: no such file or directory") != nil)
            #expect(await terminal.wait() == 66)
            await server.shutdown()
            #expect(server.requests.isEmpty)
        }
    }

    @Test func historyNamesTheAttachments() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            try write(png, home.path + "/pic.png")
            let server = try await TestServer(always: sseReply(["seen"]))
            let file = home.path + "/h.json"
            let first = try await runParley(
                ["--base-url", server.baseURL, "--session", file, "-a", home.path + "/pic.png", "look"],
                environment: home.environment)
            #expect(first.status == 0)
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "--session", file],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("/history\r")
            #expect(await terminal.waitFor("user: look [attached: \(home.path)/pic.png]") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
        }
    }

    /// SIGKILL at random moments while sessions with new attachments are written: the session
    /// file always loads, and every attachment it refers to is there with the right bytes.
    @Test func killedAtRandomMomentsEveryReferencedAttachmentExists() async throws {
        let seed = SeededGenerator.seedForThisRun(environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply((0..<10).map { "w\($0) " }, delay: 0.002))
            let file = home.path + "/sessions/kill.json"
            try FileManager.default.createDirectory(atPath: home.path + "/sessions", withIntermediateDirectories: true)
            var killed = 0
            var completed = 0
            for run in 0..<24 {
                // A new text file each run, so each run stores new bytes.
                let text = home.path + "/notes-\(run).txt"
                try write(Array(String(repeating: "run \(run) line\n", count: 200 + run).utf8), text)
                let arguments = ["--base-url", server.baseURL, "--session", file, "-a", text, "-a", "-", "turn \(run)"]
                let replay = "run \(run), seed \(seed) (replay with PARLEY_TEST_SEED=\(seed))"
                let process = Process()
                process.executableURL = URL(fileURLWithPath: parleyPath)
                process.arguments = arguments
                process.environment = home.environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let input = Pipe()
                process.standardInput = input
                try process.run()
                try input.fileHandleForWriting.write(contentsOf: Data(png + [UInt8(run)]))
                try input.fileHandleForWriting.close()
                let pid = process.processIdentifier
                let pause = run % 8 == 0 ? 2_000_000 : UInt32.random(in: 0...300_000, using: &generator)
                await offPool {
                    usleep(pause)
                    kill(pid, SIGKILL)
                    process.waitUntilExit()
                }
                if process.terminationReason == .exit {
                    #expect(process.terminationStatus == 0, "\(replay)")
                    completed += 1
                } else {
                    killed += 1
                }
                guard FileManager.default.fileExists(atPath: file) else { continue }
                #expect(throws: Never.self, "\(replay)") {
                    let conversation = try SessionStore(directory: "/nonexistent").load(file)
                    let store = AttachmentStore(sessionPath: file)
                    let references = conversation.messages.flatMap(\.attachmentReferences)
                    #expect(references.count == conversation.messages.filter { $0.role == .user }.count * 2)
                    #expect(store.resolving(conversation).missing.isEmpty, "\(replay)")
                }
            }
            await server.shutdown()
            let replay = "seed \(seed) (replay with PARLEY_TEST_SEED=\(seed))"
            #expect(completed >= 2, "\(replay)")
            #expect(killed > 0, "\(replay)")
        }
    }
}
