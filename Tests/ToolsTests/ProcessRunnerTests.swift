import ChatClient
import Foundation
import TestSupport
import Testing
import Tools

/// Real child processes: output, exit statuses, the time limit, the size limit, Ctrl-C.
@Suite struct ProcessRunnerTests {
    let executor = ToolExecutor(
        runner: PosixProcessRunner(),
        environment: ToolEnvironment(
            parent: ["PATH": "/usr/bin:/bin", "OPENAI_API_KEY": "sk-secret", "MY_KEY": "sk-secret", "HOME": "/tmp"],
            key: "sk-secret"),
        workingDirectory: "/tmp")

    static func tool(_ argv: [String], timeout: Double = 60, limit: Int = 65_536, env: [String: String?] = [:])
        -> ToolDefinition
    {
        ToolDefinition(
            name: "t", description: "", parameters: .object([:]),
            kind: .command(CommandTool(argv: argv, timeout: timeout, maxOutputBytes: limit, env: env)))
    }

    @Test func argumentsOnStdinResultOnStdout() async {
        let result = await executor.run(Self.tool(["/bin/sh", "-c", "cat; echo done"]), arguments: #"{"a":1}"#)
        #expect(result.status == .ok)
        #expect(result.content == "{\"a\":1}\ndone\n")
        #expect(result.summary.contains("exit 0"))
    }

    @Test func nonZeroExitWithStderrTail() async {
        let result = await executor.run(
            Self.tool(["/bin/sh", "-c", "echo partial; echo first >&2; echo 'it broke' >&2; exit 3"]), arguments: "{}")
        #expect(result.status == .failed)
        #expect(result.content.hasPrefix("error: the command exited with status 3"))
        #expect(result.content.contains("it broke"))
        #expect(result.content.contains("partial"))
    }

    @Test func timeoutKillsTheGroup() async {
        let result = await executor.run(
            Self.tool(["/bin/sh", "-c", "sleep 30 & sleep 30"], timeout: 0.5), arguments: "{}")
        #expect(result.status == .timedOut)
        #expect(result.content.contains("timed out after 0.5 s"))
        // Timed by the runner itself: the whole suite at once can keep this task from being
        // resumed for many seconds after the runner is done.
        #expect(result.seconds < 10)
    }

    @Test func hugeOutputIsCutWithANote() async {
        let result = await executor.run(
            Self.tool(["/bin/sh", "-c", "head -c 1000000 /dev/zero | tr '\\0' x"], limit: 1000), arguments: "{}")
        #expect(result.status == .ok)
        #expect(result.content.hasPrefix(String(repeating: "x", count: 1000) + "\n[output cut"))
        #expect(result.content.contains("1000 of 1000000 bytes"))
    }

    @Test func cancellationKillsAChildThatIgnoresSIGINT() async throws {
        let directory = NSTemporaryDirectory() + "parley-cancel-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let pidFile = directory + "/pid"
        let tool = Self.tool(["/bin/sh", "-c", "trap '' INT; sleep 60 & echo $! > \(pidFile); wait"])
        let executor = self.executor
        let task = Task { await executor.run(tool, arguments: "{}") }
        #expect(await eventually(within: 60) { FileManager.default.fileExists(atPath: pidFile) })
        task.cancel()
        let result = await task.value
        #expect(result.status == .cancelled)
        #expect(result.content.contains("cancelled by the user"))
        let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let pid = try #require(Int32(text))
        // The grandchild went with the group: gone, or a zombie its new parent has not reaped yet.
        #expect(await eventually(within: 60) { kill(pid, 0) != 0 || Self.isZombie(pid) })
    }

    /// Whether the process has ended but not been reaped (state Z in /proc/PID/stat).
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: end)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    @Test func apiKeyIsNotInTheEnvironment() async {
        let result = await executor.run(Self.tool(["/usr/bin/env"]), arguments: "{}")
        #expect(result.status == .ok)
        #expect(!result.content.contains("sk-secret"))
        #expect(result.content.contains("HOME=/tmp"))
        let named = await executor.run(
            Self.tool(["/usr/bin/env"], env: ["OPENAI_API_KEY": String?.none, "X": "1"]), arguments: "{}")
        #expect(named.content.contains("OPENAI_API_KEY=sk-secret"))
        #expect(!named.content.contains("MY_KEY"))
        #expect(named.content.contains("X=1"))
    }

    @Test func missingProgramIsSaid() async {
        let result = await executor.run(Self.tool(["no-such-program-here"]), arguments: "{}")
        #expect(result.status == .failed)
        #expect(result.content.contains("could not be started"))
    }

    @Test func badArgumentsAreNotRun() async {
        let result = await executor.run(Self.tool(["/bin/echo"]), arguments: "{not json")
        #expect(result.status == .failed)
        #expect(result.content.contains("not valid JSON"))
    }

    @Test func builtInShellAndReadFile() async throws {
        let directory = NSTemporaryDirectory() + "parley-read-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "hello\n".write(toFile: directory + "/a.txt", atomically: true, encoding: .utf8)
        let executor = ToolExecutor(
            runner: PosixProcessRunner(), environment: ToolEnvironment(parent: ["PATH": "/usr/bin:/bin"]),
            workingDirectory: directory)
        let shell = try #require(ToolDefinition.builtIns.first { $0.name == "shell" })
        let ran = await executor.run(shell, arguments: #"{"command":"cat a.txt; pwd"}"#)
        #expect(ran.content.hasPrefix("hello\n"))
        let read = try #require(ToolDefinition.builtIns.first { $0.name == "read_file" })
        #expect(await executor.run(read, arguments: #"{"path":"a.txt"}"#).content == "hello\n")
        let outside = await executor.run(read, arguments: #"{"path":"../../etc/passwd"}"#)
        #expect(outside.status == .failed)
        #expect(outside.content.contains("outside the current directory"))
    }
}
