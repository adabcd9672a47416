import ChatClient
import ChatREPL
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The binary: Ctrl-C in one-shot mode", .serialized)
struct OneShotInterruptTests {
    /// The server sends three words and holds the rest back. Ctrl-C then ends the run with 130
    /// and the part received saved; had it not stopped the request, the rest would have come
    /// once the server gave up holding it and the run would have ended with 0.
    @Test func ctrlCExits130AtOnceAndKeepsThePartInTheSession() async throws {
        try await withIsolatedHome { home in
            var reply = sseReply((0..<100).map { "s\($0) " })
            reply.gates = [3: { false }]
            let server = try await TestServer(always: reply)
            let file = home.path + "/oneshot.json"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: parleyPath)
            process.arguments = ["--base-url", server.baseURL, "--session", file, "tell me"]
            process.environment = home.environment
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
            #expect(server.gatesGivenUp == 0)
            #expect(printed.hasPrefix("s0 s1 s2 "))
            #expect(!printed.contains("s3"))
            let saved = try SessionStore(directory: "/nonexistent").load(file)
            #expect(saved.info.last??.interrupted == true)
            #expect(saved.messages.map(\.content) == ["tell me", "s0 s1 s2 "])
        }
    }
}
