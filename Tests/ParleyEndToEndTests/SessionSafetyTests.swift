import ChatClient
import ChatREPL
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Sessions survive editors, signals and kills", .serialized)
struct SessionSafetyTests {
    @Test func editSendsWhatTheEditorSaved() async throws {
        try await withIsolatedHome(["NO_COLOR": "1", "EDITOR": "printf 'line one\\nline two\\n' >"]) { home in
            let server = try await TestServer(always: sseReply(["got it"]))
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL], environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("/edit\r")
            #expect(await terminal.waitFor("got it") != nil)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
            #expect(userMessages(try #require(server.requests.first)) == ["line one\nline two"])
        }
    }

    /// The server sends three words and then holds the rest back: SIGTERM while the reply is
    /// open saves exactly the part shown, marked interrupted, and exits 143.
    @Test func sigtermSavesThePartialReplyAndExits() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            var reply = sseReply((0..<100).map { "p\($0) " })
            reply.gates = [3: { false }]
            let server = try await TestServer(always: reply)
            let file = home.path + "/term.json"
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "--session", file],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            terminal.send("go\r")
            #expect(await terminal.waitFor("p2 ") != nil)
            terminal.kill(SIGTERM)
            #expect(await terminal.wait() == 143)
            await server.shutdown()
            #expect(server.gatesGivenUp == 0)
            let conversation = try SessionStore(directory: "/nonexistent").load(file)
            #expect(conversation.messages.map(\.content) == ["go", "p0 p1 p2 "])
            #expect(conversation.info.last??.interrupted == true)
        }
    }

    @Test func aSecondParleyOnTheSameSessionIsToldSo() async throws {
        try await withIsolatedHome(["NO_COLOR": "1"]) { home in
            let server = try await TestServer(always: sseReply(["x"]))
            let file = home.path + "/shared.json"
            let terminal = try PseudoTerminal(
                path: parleyPath, arguments: ["--base-url", server.baseURL, "--session", file],
                environment: home.environment)
            #expect(await terminal.waitFor("> ") != nil)
            let second = try await runParley(
                ["--base-url", server.baseURL, "--session", file, "q"], environment: home.environment)
            #expect(second.status == 65)
            #expect(second.stderr.contains("is in use by another Parley"))
            terminal.send("\u{04}")
            #expect(await terminal.wait() == 0)
            await server.shutdown()
        }
    }

    /// SIGKILL at random moments while replies stream and sessions are written: the file
    /// always parses and holds every turn that completed, and a lock left by a killed process
    /// never blocks the next one. The moments come from a seeded generator; every failure
    /// names the seed, and `PARLEY_TEST_SEED=<seed>` replays the same moments.
    @Test func killedAtRandomMomentsTheFileAlwaysParses() async throws {
        let seed = SeededGenerator.seedForThisRun(environment: ProcessInfo.processInfo.environment)
        var generator = SeededGenerator(seed: seed)
        try await withIsolatedHome { home in
            let server = try await TestServer(always: sseReply((0..<20).map { "k\($0) " }, delay: 0.002))
            let file = home.path + "/crash.json"
            var completed = 0
            var killed = 0
            for run in 0..<40 {
                let arguments = ["--base-url", server.baseURL, "--session", file, "turn \(run)"]
                let replay = "run \(run), seed \(seed) (replay with PARLEY_TEST_SEED=\(seed))"
                // Every tenth run is left to finish and every tenth (from the fifth) is killed
                // at once, so that both outcomes happen however fast the machine is; the
                // others are killed after a random pause of up to 0.4 s.
                if run % 10 == 0 {
                    let result = try await runParley(arguments, environment: home.environment)
                    #expect(result.status == 0, "\(replay): \(result.stderr)")
                    if result.status == 0 { completed += 1 }
                } else {
                    let pause = run % 10 == 5 ? 0 : UInt32.random(in: 0...400_000, using: &generator)
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: parleyPath)
                    process.arguments = arguments
                    process.environment = home.environment
                    process.standardOutput = FileHandle.nullDevice
                    process.standardError = FileHandle.nullDevice
                    process.standardInput = FileHandle.nullDevice
                    try process.run()
                    let pid = process.processIdentifier
                    await offPool {
                        usleep(pause)  // the random moment, not a wait for anything
                        kill(pid, SIGKILL)
                        process.waitUntilExit()
                    }
                    if process.terminationReason == .exit {
                        #expect(process.terminationStatus == 0, "\(replay)")
                        if process.terminationStatus == 0 { completed += 1 }
                    } else {
                        killed += 1
                    }
                }
                // The process is gone: its lock must be free for the next one.
                #expect(throws: Never.self, "\(replay)") { try SessionLock(sessionPath: file).release() }
                guard FileManager.default.fileExists(atPath: file) else {
                    #expect(completed == 0, "\(replay)")
                    continue
                }
                #expect(throws: Never.self, "\(replay)") {
                    let conversation = try SessionStore(directory: "/nonexistent").load(file)
                    #expect(conversation.turnCount >= completed, "\(replay)")
                    #expect(conversation.messages.count % 2 == 0, "\(replay)")
                }
            }
            await server.shutdown()
            let replay = "seed \(seed) (replay with PARLEY_TEST_SEED=\(seed))"
            #expect(completed >= 4, "\(replay)")
            #expect(killed > 0, "\(replay)")
        }
    }
}
