import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `runParley` rests on `runProcess`: these show it cannot deadlock on a child's pipes.
@Suite("Running a child process with pipes")
struct ChildProcessTests {
    let environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]

    /// Far more than a pipe holds (64 KiB) on stderr before anything on stdout: read one
    /// after the other, the child would block on stderr while the test waited for stdout's end.
    @Test func muchOnStderrBeforeStdoutEnds() async throws {
        let result = try await runProcess(
            "/bin/sh", arguments: ["-c", "head -c 300000 /dev/zero | tr '\\0' e >&2; echo done"],
            environment: environment)
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.stdout == "done\n")
        #expect(result.stderr == String(repeating: "e", count: 300_000))
    }

    /// A child that echoes a large stdin to both outputs as it reads it: stdin must be written
    /// while both are read.
    @Test func largeStdinEchoedToBothOutputs() async throws {
        let input = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        let result = try await runProcess(
            "/bin/sh", arguments: ["-c", "tee /dev/stderr"], stdin: input, environment: environment)
        #expect(!result.timedOut)
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count == input.count)
        #expect(result.stderr.utf8.count == input.count)
    }

    /// A child that reads none of its stdin: the write fails quietly, the test process lives.
    @Test func aChildThatIgnoresStdin() async throws {
        let input = [UInt8](repeating: 0, count: 1 << 20)
        let result = try await runProcess(
            "/bin/sh", arguments: ["-c", "exit 3"], stdin: input, environment: environment)
        #expect(result.status == 3)
        #expect(!result.timedOut)
    }

    /// A child that never ends is killed at the deadline and says so, instead of hanging the test.
    @Test func aChildPastItsDeadlineIsKilled() async throws {
        let result = try await runProcess(
            "/bin/sh", arguments: ["-c", "exec sleep 600"], environment: environment, deadline: 0.5)
        #expect(result.timedOut)
        #expect(result.status == SIGKILL)
    }
}
