import ChatClient
import Foundation
import TestSupport
import Testing

/// An SSE reply whose content is `text`, sent in pieces of about `size` characters.
func sseMarkdown(_ text: String, piece size: Int = 7) -> CannedResponse {
    var pieces: [String] = []
    var rest = Substring(text)
    while !rest.isEmpty {
        let piece = rest.prefix(size)
        rest = rest.dropFirst(piece.count)
        let data = try? JSONSerialization.data(
            withJSONObject: ["choices": [["index": 0, "delta": ["content": String(piece)], "finish_reason": NSNull()]]])
        pieces.append("data: " + String(decoding: data ?? Data(), as: UTF8.self) + "\n\n")
    }
    pieces.append(#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n")
    return .sse(pieces)
}

@Suite("Replies on a terminal: rendered, neutralised, copied", .serialized)
struct RenderingTests {
    let reply = "# Plan\n\nUse **bold** words.\n\n```python\ndef f():\n\treturn 1\n```\n\nDone.\n"

    func withTerminal(
        _ response: CannedResponse, arguments: [String] = [], environment extra: [String: String] = [:],
        _ body: (PseudoTerminal) async throws -> Void
    ) async throws {
        let server = try await TestServer(always: response)
        let env = isolatedEnvironment(extra)
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"] + arguments, environment: env)
        // The prompt ends in ">" and a space, with colour codes between them on a colour terminal.
        let prompt = extra["NO_COLOR"] == nil ? "\u{1B}[1;36m>" : "> "
        #expect(await terminal.waitFor(prompt) != nil)
        try await body(terminal)
        #expect(await terminal.waitFor(prompt) != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
    }

    @Test func aReplyIsRenderedAndItsCodeCopiesExactly() async throws {
        try await withTerminal(sseMarkdown(reply)) { terminal in
            terminal.send("plan please\r")
            let seen = await terminal.waitFor("Done.")
            #expect(seen != nil)
            let screen = terminal.transcript
            // The line is rewritten once, when complete, with the markers gone and the word bold.
            #expect(screen.contains("Use \u{1B}[1mbold\u{1B}[0m words."))
            #expect(screen.contains("\u{1B}[35mdef"))  // Python highlighted
            // The code line, colour codes taken away, is the model's bytes: the tab is a tab.
            #expect(strippingSGR(screen).contains("\treturn 1"))
            // After the reply, the status line on stderr (the same terminal), and the prompt with the model.
            #expect(await terminal.waitFor(" out · first token") != nil)
            #expect(screen.contains("gpt-4o-mini"))
        }
    }

    @Test func aHostileReplyCannotDriveTheTerminal() async throws {
        let hostile = "title \u{1B}]0;pwned\u{07} clear \u{1B}[2J c1 \u{9B}31m bidi \u{202E}txet end\n"
        try await withTerminal(sseMarkdown(hostile, piece: 3)) { terminal in
            terminal.send("hi\r")
            #expect(await terminal.waitFor("end") != nil)
            let screen = terminal.transcript
            #expect(!screen.contains("\u{1B}]0;pwned"))
            #expect(!screen.contains("\u{1B}[2J"))
            #expect(!screen.contains("\u{9B}"))
            #expect(!screen.contains("\u{202E}"))
            #expect(screen.contains("^[]0;pwned^G"))
            #expect(screen.contains("<U+202E>"))
        }
    }

    @Test func copyAsksTheTerminalWithOSC52() async throws {
        try await withTerminal(sseMarkdown(reply)) { terminal in
            terminal.send("plan please\r")
            #expect(await terminal.waitFor("Done.") != nil)
            terminal.send("/copy 1\r")
            #expect(await terminal.waitFor("copied code block 1 (python)") != nil)
            let encoded = Data("def f():\n\treturn 1".utf8).base64EncodedString()
            #expect(terminal.transcript.contains("\u{1B}]52;c;\(encoded)\u{07}"))
        }
    }

    /// A window resized in the middle of a reply: what follows is rendered for the new width
    /// (a rule spans it), and every line of the reply is there once.
    @Test func aResizeDuringAStreamIsFollowed() async throws {
        let words = (0..<40).map { "word\($0) " }.joined()
        let text = "Before the resize.\n\n" + words + "\n\n---\n\nAfter the resize.\n"
        var response = sseMarkdown(text, piece: 4)
        // The server holds the rest of the reply until the window has been resized.
        let resized = ResizeFlag()
        response.gates[12] = { resized.isSet }
        try await withTerminal(response) { terminal in
            terminal.send("go\r")
            #expect(await terminal.waitFor("Before the resize.") != nil)
            terminal.resize(rows: 30, columns: 50)
            resized.set()
            #expect(await terminal.waitFor("After the resize.") != nil)
            let screen = strippingSGR(terminal.transcript)
            #expect(
                screen.contains(String(repeating: "─", count: 50)) || screen.contains(String(repeating: "━", count: 50))
            )
            #expect(!screen.contains(String(repeating: "─", count: 51)))
            #expect(screen.components(separatedBy: "Before the resize.").count == 2)
        }
    }

    @Test func noColorMeansNoEscapesInTheReply() async throws {
        try await withTerminal(sseMarkdown(reply), environment: ["NO_COLOR": "1"]) { terminal in
            terminal.send("plan please\r")
            #expect(await terminal.waitFor("Done.") != nil)
            let screen = terminal.transcript
            let start = screen.range(of: "# Plan")
            let end = screen.range(of: "Done.")
            if let start, let end {
                #expect(!screen[start.lowerBound..<end.upperBound].contains("\u{1B}"))
            } else {
                Issue.record("the reply's source text is not on the screen: \(screen.debugDescription)")
            }
        }
    }

    @Test(arguments: [(["-x"], "def f():\n\treturn 1\n"), (["--extract-last"], "echo last\n")])
    func extractPrintsOnlyACodeBlock(arguments: [String], expected: String) async throws {
        let text = "Here:\n```python\ndef f():\n\treturn 1\n```\nand\n~~~sh\necho last\n~~~\n"
        let server = try await TestServer(always: sseMarkdown(text))
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--base-url", server.baseURL] + arguments + ["q"], environment: env)
        await server.shutdown()
        #expect(result.status == 0)
        #expect(result.stdout == expected)
    }

    @Test func extractWithoutACodeBlockKeepsTheReplyOnStderr() async throws {
        let server = try await TestServer(always: sseMarkdown("no code here\n"))
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--base-url", server.baseURL, "-x", "q"], environment: env)
        await server.shutdown()
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no fenced code block"))
        #expect(result.stderr.contains("no code here"))
    }

    @Test func aPipeGetsTheReplyByteForByte() async throws {
        let text = "raw \u{1B}[31m **kept** \u{07}\n"
        let server = try await TestServer(always: sseMarkdown(text))
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--base-url", server.baseURL, "q"], environment: env)
        await server.shutdown()
        #expect(result.stdout == text)
    }
}

/// The text without SGR sequences.
func strippingSGR(_ text: String) -> String {
    var result = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        guard scalar == "\u{1B}" else {
            result.unicodeScalars.append(scalar)
            continue
        }
        guard let next = scalars.next() else { break }
        guard next == "[" else {
            result.unicodeScalars.append(scalar)
            result.unicodeScalars.append(next)
            continue
        }
        var sequence = ""
        while let part = scalars.next() {
            sequence.unicodeScalars.append(part)
            if part.properties.isAlphabetic || part == "~" { break }
        }
        if !sequence.hasSuffix("m") { result += "\u{1B}[" + sequence }
    }
    return result
}

/// Set once, from the test, read by the server's gate.
final class ResizeFlag: Sendable {
    private let value = Locked(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
