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
            // The limit is the config's when it gives one.
            let quick =
                #"{"base_url": "http://127.0.0.1:9/v1", "api_key_command": "sleep 60", "#
                + #""api_key_command_timeout": 1.5}"#
            _ = FileManager.default.createFile(
                atPath: config, contents: Data(quick.utf8), attributes: [.posixPermissions: 0o600])
            // (The message tells which limit stopped it; a wall-clock bound here would fail
            // whenever the whole suite at once keeps this task waiting.)
            let stopped = try await runParley(["--config", config, "q"], environment: env)
            #expect(stopped.status == 78)
            #expect(stopped.stderr.contains("did not finish within 1.5 s"), "\(stopped.stderr)")
            #expect(stopped.stderr.contains("api_key_command_timeout"))
        }
    }
}
