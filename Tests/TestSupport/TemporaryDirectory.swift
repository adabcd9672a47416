import ChatClient
import Foundation

/// A new private directory for one test, removed (with everything in it) when `body` returns.
public func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async rethrows -> T {
    let path = NSTemporaryDirectory() + "parley-test-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// A new private directory that lives until `TemporaryDirectory` is released: for a harness that
/// holds one across calls, e.g. a suite's stored property (a suite instance lives for one test).
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "parley-test-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// A new private directory removed when the test process exits: only for callers that cannot
/// scope it (prefer `withTemporaryDirectory` or `TemporaryDirectory`).
public func temporaryDirectoryRemovedAtExit(prefix: String = "parley-test-") -> String {
    let path = NSTemporaryDirectory() + "\(prefix)\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    _ = registerExitCleanup
    leftForExit.withLock { $0.append(path) }
    return path
}

private let leftForExit = Locked<[String]>([])

private let registerExitCleanup: Void = {
    atexit {
        for path in leftForExit.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}()
