import Foundation
import TestSupport
import Testing

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

/// A private home for one test: config, sessions and history go there.
struct IsolatedHome: Sendable {
    /// The home directory.
    let path: String
    /// HOME, PATH, TERM and LANG, plus what the test added.
    let environment: [String: String]

    init(path: String, extra: [String: String]) {
        self.path = path
        var environment = ["HOME": path, "PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
        environment.merge(extra) { $1 }
        self.environment = environment
    }

    /// Every file under the home (relative paths), sorted.
    var files: [String] {
        let names = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
        return names.filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path + "/" + $0, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
    }
}

/// Runs `body` with a private home, removed with everything in it when `body` returns.
func withIsolatedHome<T>(_ extra: [String: String] = [:], _ body: (IsolatedHome) async throws -> T) async rethrows
    -> T
{
    try await withTemporaryDirectory { path in try await body(IsolatedHome(path: path, extra: extra)) }
}

/// The environment of a private home that is removed when the test process exits. For tests
/// that cannot scope it; `withIsolatedHome` removes it as soon as the test is over.
func isolatedEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
    IsolatedHome(path: temporaryDirectoryRemovedAtExit(prefix: "parley-e2e-"), extra: extra).environment
}

typealias RunResult = ProcessResult

/// Runs the binary with pipes for stdin, stdout and stderr (read at the same time), on threads
/// of their own. A run that has not ended after two minutes is killed and recorded as an issue.
func runParley(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String]) async throws -> RunResult {
    let result = try await runProcess(parleyPath, arguments: arguments, stdin: stdin, environment: environment)
    if result.timedOut { Issue.record("parley \(arguments) did not finish and was killed") }
    return result
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
