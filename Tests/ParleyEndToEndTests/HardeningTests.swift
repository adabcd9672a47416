import Foundation
import TestSupport
import Testing

@Suite("The binary under hostile input: no crash, no leaked secret")
struct BinaryHardeningTests {
    /// A fresh HOME for one test, removed afterwards.
    func withHome(_ body: ([String: String], String) async throws -> Void) async throws {
        let home = NSTemporaryDirectory() + "parley-hard-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try await body(["HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], home)
    }

    /// Every byte of every file under `directory`.
    func allFileBytes(_ directory: String) -> String {
        let names = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
        return names.compactMap { FileManager.default.contents(atPath: directory + "/" + $0) }
            .map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test(arguments: [
        "sk-canary-1111\rsecond-part-canary", "sk-canary-2222\nsecond-line-canary", "sk-canary-3333\u{7}x",
    ])
    func aKeyWithAControlCharacterIsRefusedWithoutEchoingIt(_ key: String) async throws {
        try await withHome { env, home in
            let keyFile = home + "/key"
            _ = FileManager.default.createFile(
                atPath: keyFile, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
            let config = home + "/config.json"
            let json = #"{"base_url": "http://127.0.0.1:9/v1", "api_key_file": "\#(keyFile)"}"#
            _ = FileManager.default.createFile(atPath: config, contents: Data(json.utf8))
            for arguments in [
                ["--config", config, "q"], ["--config", config, "doctor"], ["models", "--config", config],
            ] {
                let result = try await runParley(arguments, environment: env)
                #expect(result.status == 78, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains("the API key contains"))
                for secret in key.split(whereSeparator: { $0.isNewline || $0 == "\u{7}" || $0 == "\r" })
                where secret.count > 4 {
                    #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
                }
            }
        }
    }

    @Test func credentialsInTheBaseURLAndProxyAreNeverPrintedOrSaved() async throws {
        try await withHome { env, home in
            let server = try await TestServer(always: .json(#"{"error":{"message":"no"}}"#, status: 404))
            let url = server.baseURL.replacing("http://", with: "http://canaryuser:canarypass77@")
            var environment = env
            environment["HTTP_PROXY"] = "http://puser:proxysecret99@127.0.0.1:9"
            let session = home + "/s.json"
            let runs = [
                ["--base-url", url, "--session", session, "q"], ["--base-url", url, "doctor"],
                ["models", "--base-url", url], ["--base-url", "http://canaryuser:canarypass77@127.0.0.1:9/v1", "q"],
            ]
            var printed = ""
            for arguments in runs {
                let result = try await runParley(arguments, environment: environment)
                printed += result.stdout + result.stderr
            }
            await server.shutdown()
            let written = allFileBytes(home)
            for secret in ["canarypass77", "proxysecret99"] {
                #expect(!printed.contains(secret), "printed: \(printed)")
                #expect(!written.contains(secret))
            }
        }
    }

    @Test func hugeMaxTokensIsAUsageErrorNotACrash() async throws {
        try await withHome { env, _ in
            for value in ["99999999999999999999", "9223372036854775807", "-1", "0"] {
                let result = try await runParley(
                    ["--base-url", "http://127.0.0.1:9/v1", "--max-tokens=\(value)", "q"], environment: env)
                #expect(result.status == 64, "\(value): \(result.stderr)")
                #expect(result.stderr.contains("--max-tokens takes a whole number from 1 to 10000000"))
            }
        }
    }

    @Test func aDirectoryOnStdinIsOneClearMessage() async throws {
        try await withHome { env, _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: parleyPath)
            process.arguments = ["--base-url", "http://127.0.0.1:9/v1", "q"]
            process.environment = env
            process.standardInput = FileHandle(forReadingAtPath: "/")
            let error = Pipe()
            process.standardError = error
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let text = await offPool { () -> String in
                let data = error.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return String(decoding: data, as: UTF8.self)
            }
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 65)
            #expect(text.contains("stdin cannot be read: is a directory"))
        }
    }

    @Test func aHangingKeyCommandIsStopped() async throws {
        try await withHome { env, home in
            let config = home + "/config.json"
            let json = #"{"base_url": "http://127.0.0.1:9/v1", "api_key_command": "sleep 60"}"#
            _ = FileManager.default.createFile(
                atPath: config, contents: Data(json.utf8), attributes: [.posixPermissions: 0o600])
            let result = try await runParley(["--config", config, "q"], environment: env)
            #expect(result.status == 78)
            #expect(result.stderr.contains("did not finish within 10 s"))
        }
    }
}

@Suite("Commands and prompts that start with a command's name")
struct SubcommandTests {
    @Test(arguments: [
        (["models"], true), (["--no-save", "models"], true), (["models", "--no-save"], true),
        (["--", "models", "are", "cheap"], false), (["models are cheap"], false),
    ])
    func theCommandNameRule(arguments: [String], listsModels: Bool) async throws {
        // The options go first: after `--` everything is the prompt.
        let server = try await TestServer { request, _ in
            request.uri.hasSuffix("/models") ? .json(#"{"data":[{"id":"m1"}]}"#) : sseReply(["a", "reply"])
        }
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--base-url", server.baseURL] + arguments, environment: env)
        await server.shutdown()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (listsModels ? "m1\n" : "areply\n"))
    }

    @Test func aPromptStartingWithACommandNameUnquotedIsAnErrorThatSaysWhy() async throws {
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["models", "are", "cheap"], environment: env)
        #expect(result.status == 64)
        #expect(result.stderr.contains("unexpected arguments"))
    }

    @Test func helpListsTheCommands() async throws {
        let env = isolatedEnvironment()
        defer { try? FileManager.default.removeItem(atPath: env["HOME"] ?? "/nonexistent") }
        let result = try await runParley(["--help"], environment: env)
        for name in ["chat (default)", "models", "doctor", "quoted as one argument"] {
            #expect(result.stdout.contains(name))
        }
    }
}

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
