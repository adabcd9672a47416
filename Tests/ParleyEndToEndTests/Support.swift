import Foundation
import TestSupport

/// The built `parley`, beside the test bundle.
let parleyPath: String = {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var directory = runner.deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = directory.appendingPathComponent("parley").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/parley").path
}()

/// A private home for one test: config, sessions and history go here.
func isolatedEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    let home = NSTemporaryDirectory() + "parley-e2e-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    var environment = ["HOME": home, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
    environment.merge(extra) { $1 }
    return environment
}

struct RunResult: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the binary with pipes for stdin, stdout and stderr, on a thread of its own.
func runParley(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String]) async throws -> RunResult {
    try await offPool { try blockingRunParley(arguments, stdin: stdin, environment: environment) }
}

private func blockingRunParley(_ arguments: [String], stdin: [UInt8]?, environment: [String: String]) throws
    -> RunResult
{
    let process = Process()
    process.executableURL = URL(fileURLWithPath: parleyPath)
    process.arguments = arguments
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self))
}

func sseReply(_ words: [String], delay: Double = 0) -> CannedResponse {
    .sse(
        words.map { #"data: {"choices":[{"index":0,"delta":{"content":"\#($0)"},"finish_reason":null}]}"# + "\n\n" }
            + [#"data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"# + "\n\ndata: [DONE]\n\n"],
        delay: delay)
}

func userMessages(_ request: RecordedRequest) -> [String] {
    guard let body = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
        let messages = body["messages"] as? [[String: Any]]
    else { return [] }
    return messages.compactMap { $0["content"] as? String }
}
