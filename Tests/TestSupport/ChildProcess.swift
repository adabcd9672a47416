import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How a child process ended and what it wrote.
public struct ProcessResult: Sendable {
    /// The exit status, or the signal's number when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// It ran past its deadline and was killed.
    public var timedOut: Bool
}

/// Runs `path` with pipes for stdin, stdout and stderr, off Swift's cooperative pool. stdin is
/// written on one thread and stderr read on another while this one reads stdout, so a child
/// that fills one pipe while nobody reads it cannot deadlock. A child still running after
/// `deadline` seconds is killed (a deadline to fail instead of hanging, never a measurement).
public func runProcess(
    _ path: String, arguments: [String], stdin: [UInt8]? = nil, environment: [String: String],
    deadline: Double = 120
) async throws -> ProcessResult {
    try await offPool {
        try blockingRunProcess(path, arguments: arguments, stdin: stdin, environment: environment, deadline: deadline)
    }
}

private func blockingRunProcess(
    _ path: String, arguments: [String], stdin: [UInt8]?, environment: [String: String], deadline: Double
) throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = environment
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    // The test's own ends of the pipes go to no other child (a pseudo-terminal's program, a
    // concurrent test's process): there they would keep this child's stdin open, or the end
    // of its output from ever coming.
    for handle in [input.fileHandleForWriting, output.fileHandleForReading, error.fileHandleForReading] {
        _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
    }
    try process.run()
    let pid = process.processIdentifier

    let writer = BackgroundThread {
        writeAll(stdin ?? [], to: input.fileHandleForWriting.fileDescriptor)
        try? input.fileHandleForWriting.close()
        return Data()
    }
    let errorReader = BackgroundThread { error.fileHandleForReading.readDataToEndOfFile() }
    let timedOut = Atomic(false)
    let killer = DispatchWorkItem {
        timedOut.store(true, ordering: .sequentiallyConsistent)
        kill(pid, SIGKILL)
    }
    DispatchQueue.global().asyncAfter(deadline: .now() + deadline, execute: killer)
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = errorReader.join()
    _ = writer.join()
    process.waitUntilExit()
    killer.cancel()
    return ProcessResult(
        status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
        stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut.load(ordering: .sequentiallyConsistent))
}

/// Writes `bytes` to a pipe. A child that exits without reading them all makes the write fail
/// with EPIPE, and that is all: SIGPIPE is blocked on this thread (and discarded with it), so
/// it never reaches the test process, and the children's signal dispositions stay untouched.
private func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    sigaddset(&blocked, SIGPIPE)
    pthread_sigmask(SIG_BLOCK, &blocked, nil)
    var offset = 0
    while offset < bytes.count {
        let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
    }
}

/// Runs blocking work on a thread of its own; `join` waits for its result.
private final class BackgroundThread: @unchecked Sendable {
    private var result = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Data) {
        let thread = Thread { [self] in
            result = work()
            done.signal()
        }
        thread.start()
    }

    func join() -> Data {
        done.wait()
        return result
    }
}
