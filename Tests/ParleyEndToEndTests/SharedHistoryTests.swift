import Foundation
import TestSupport
import Testing

@Suite("Two Parleys sharing the input history", .serialized)
struct SharedHistoryTests {
    /// Two REPLs in two terminals type lines in turn into one history file that is already at
    /// its size limit: the file ends with every line of both, in the order they were typed,
    /// after the newest of the lines that were there before.
    @Test func linesTypedInTurnAreAllKeptInOrder() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let size = 10
            let config = home.path + "/.config/parley/config.json"
            try FileManager.default.createDirectory(
                atPath: home.path + "/.config/parley", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: config, contents: Data(#"{"history_size": \#(size)}"#.utf8))
            let state = home.path + "/.local/state/parley"
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            let before = (0..<size).map { "old line \($0)" }
            _ = FileManager.default.createFile(
                atPath: state + "/history", contents: Data(before.map { $0 + "\n" }.joined().utf8),
                attributes: [.posixPermissions: 0o600])

            let server = try await TestServer { _, _ in sseReply(["unused"]) }
            let arguments = ["--base-url", server.baseURL]
            let first = try PseudoTerminal(path: parleyPath, arguments: arguments, environment: home.environment)
            let second = try PseudoTerminal(path: parleyPath, arguments: arguments, environment: home.environment)
            #expect(await first.waitFor("> ") != nil)
            #expect(await second.waitFor("> ") != nil)
            var typed: [String] = []
            for step in 1...6 {
                let terminal = step.isMultiple(of: 2) ? second : first
                let value = "0.\(step)"
                terminal.send("/temperature \(value)\r")
                #expect(await terminal.waitFor("temperature: \(value)") != nil)
                #expect(await terminal.waitFor("> ") != nil)
                typed.append("/temperature \(value)")
            }
            first.send("\u{04}")
            second.send("\u{04}")
            #expect(await first.wait() == 0)
            #expect(await second.wait() == 0)
            await server.shutdown()

            let history = try String(contentsOfFile: state + "/history", encoding: .utf8)
            let lines = history.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines == Array(before.suffix(size - typed.count)) + typed, "\(lines)")
        }
    }
}
