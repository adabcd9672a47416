import Foundation
import TestSupport
import Testing

@Suite("Nothing typed is lost")
struct DraftTests {
    @Test(arguments: [("exit 3", "did not exit cleanly"), ("printf '\\377\\376' >> \"$1\"", "not UTF-8")])
    func aFailedEditKeepsTheDraftAndSaysWhere(ending: String, reason: String) async throws {
        let server = try await TestServer(always: sseReply(["unused"]))
        let env0 = isolatedEnvironment(["NO_COLOR": "1"])
        let home = env0["HOME"] ?? "/tmp"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let editor = home + "/editor.sh"
        _ = FileManager.default.createFile(
            atPath: editor, contents: Data("#!/bin/sh\necho 'my long careful draft' > \"$1\"\n\(ending)\n".utf8),
            attributes: [.posixPermissions: 0o755])
        var env = env0
        env["EDITOR"] = editor
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--no-save"], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/edit\r")
        let shown = await terminal.waitFor("the draft is kept in ")
        #expect(shown != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        let transcript = terminal.transcript
        #expect(transcript.contains(reason))
        guard let range = transcript.range(of: "the draft is kept in ") else { return }
        let path = String(transcript[range.upperBound...].prefix { !$0.isWhitespace })
        let kept = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(kept.contains("my long careful draft"), "\(path)")
        try? FileManager.default.removeItem(atPath: path)
        #expect(server.requests.isEmpty)
    }
}
