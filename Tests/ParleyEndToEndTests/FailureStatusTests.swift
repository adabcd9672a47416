import Foundation
import TestSupport
import Testing

@Suite("Failures are not reported as success")
struct FailureStatusTests {
    @Test func aReplyThatCannotBeWrittenIsAFailure() async throws {
        let server = try await TestServer(always: sseReply(["a", "reply"]))
        let home = NSTemporaryDirectory() + "parley-full-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parleyPath)
        process.arguments = ["--base-url", server.baseURL, "q"]
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        process.standardInput = FileHandle.nullDevice
        let error = Pipe()
        process.standardError = error
        try process.run()
        let text = await offPool { () -> String in
            let data = error.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        await server.shutdown()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("the reply could not be written to stdout: No space left on device"))
    }
}
