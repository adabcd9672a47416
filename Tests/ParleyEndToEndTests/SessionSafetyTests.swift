import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Sessions survive editors, signals and kills", .serialized)
struct SessionSafetyTests {
    @Test func editSendsWhatTheEditorSaved() async throws {
        let server = try await TestServer(always: sseReply(["got it"]))
        let env = isolatedEnvironment(["NO_COLOR": "1", "EDITOR": "printf 'line one\\nline two\\n' >"])
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("/edit\r")
        #expect(await terminal.waitFor("got it") != nil)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
        #expect(userMessages(try #require(server.requests.first)) == ["line one\nline two"])
    }

    @Test func sigtermSavesThePartialReplyAndExits() async throws {
        let server = try await TestServer(always: sseReply((0..<100).map { "p\($0) " }, delay: 0.1))
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        let file = (env["HOME"] ?? "/tmp") + "/term.json"
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--session", file], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        terminal.send("go\r")
        #expect(await terminal.waitFor("p2 ") != nil)
        terminal.kill(SIGTERM)
        #expect(await terminal.wait() == 143)
        await server.shutdown()
        let conversation = try SessionStore(directory: "/nonexistent").load(file)
        #expect(conversation.messages.first?.content == "go")
        #expect(conversation.messages.last?.content.hasPrefix("p0 p1 p2") == true)
        #expect(conversation.info.last??.interrupted == true)
    }

    @Test func aSecondParleyOnTheSameSessionIsToldSo() async throws {
        let server = try await TestServer(always: sseReply(["x"]))
        let env = isolatedEnvironment(["NO_COLOR": "1"])
        let file = (env["HOME"] ?? "/tmp") + "/shared.json"
        let terminal = try PseudoTerminal(
            path: parleyPath, arguments: ["--base-url", server.baseURL, "--session", file], environment: env)
        #expect(await terminal.waitFor("> ") != nil)
        let second = try await runParley(["--base-url", server.baseURL, "--session", file, "q"], environment: env)
        #expect(second.status == 65)
        #expect(second.stderr.contains("is in use by another Parley"))
        terminal.send("\u{04}")
        #expect(await terminal.wait() == 0)
        await server.shutdown()
    }

    /// SIGKILL at random moments while replies stream and sessions are written: the file
    /// always parses and holds every turn that completed.
    @Test func killedAtRandomMomentsTheFileAlwaysParses() async throws {
        let server = try await TestServer(always: sseReply((0..<20).map { "k\($0) " }, delay: 0.002))
        let env = isolatedEnvironment()
        let file = (env["HOME"] ?? "/tmp") + "/crash.json"
        var completed = 0
        var generator = SystemRandomNumberGenerator()
        for run in 0..<40 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: parleyPath)
            process.arguments = ["--base-url", server.baseURL, "--session", file, "turn \(run)"]
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let pause = UInt32.random(in: 0...400_000, using: &generator)
            let pid = process.processIdentifier
            await offPool {
                usleep(pause)
                kill(pid, SIGKILL)
                process.waitUntilExit()
            }
            if process.terminationReason == .exit, process.terminationStatus == 0 { completed += 1 }
            guard FileManager.default.fileExists(atPath: file) else {
                #expect(completed == 0)
                continue
            }
            let conversation = try SessionStore(directory: "/nonexistent").load(file)
            #expect(conversation.turnCount >= completed)
            #expect(conversation.messages.count % 2 == 0)
            // A lock left by a killed process must not block the next one.
        }
        await server.shutdown()
        #expect(completed > 0)
        #expect(completed < 40)
    }
}

@Suite("The binary: Ctrl-C in one-shot mode", .serialized)
struct OneShotInterruptTests {
    @Test func ctrlCExits130AtOnceAndKeepsThePartInTheSession() async throws {
        let server = try await TestServer(always: sseReply((0..<100).map { "s\($0) " }, delay: 0.1))
        let env = isolatedEnvironment()
        let file = (env["HOME"] ?? "/tmp") + "/oneshot.json"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parleyPath)
        process.arguments = ["--base-url", server.baseURL, "--session", file, "tell me"]
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let reader = output.fileHandleForReading
        let printed = await offPool { () -> String in
            // Wait for three words on stdout, however slowly the binary starts, then Ctrl-C.
            var seen = Data()
            while !String(decoding: seen, as: UTF8.self).contains("s2 ") {
                let data = reader.availableData
                if data.isEmpty { break }
                seen.append(data)
            }
            kill(pid, SIGINT)
            process.waitUntilExit()
            seen.append(reader.readDataToEndOfFile())
            return String(decoding: seen, as: UTF8.self)
        }
        await server.shutdown()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(!printed.contains("s99"))  // stopped at once, not after the rest of the reply
        #expect(printed.hasPrefix("s0 s1 s2"))
        let saved = try SessionStore(directory: "/nonexistent").load(file)
        #expect(saved.info.last??.interrupted == true)
        #expect(saved.messages.last?.content.hasPrefix("s0 s1 s2") == true)
    }
}
