import ChatClient
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// One request on a TCP connection of its own, run by a thread of its own: connect, send,
/// then read the answer and hand it over, the head through a continuation and the body as a
/// stream. Every wait is a `poll` on the socket and on a socket pair that `cancel()` and the
/// reader's progress write to, so a cancelled request stops at once, in any step, and closes
/// its connection.
final class SocketExchange: CancellableExchange {
    private struct State {
        /// Bytes handed to the stream and not yet taken by the reader.
        var buffered = 0
        var paused = false
        var cancelled = false
        /// The response was read to its end, or failed: nothing more to cancel.
        var finished = false
        /// The socket pair that wakes the thread (its read and write ends); -1 once the thread closed it.
        var wake: Int32
        var wakeWriter: Int32
    }

    private let state: Locked<State>
    private let headSlot = HeadSlot<HTTPResponseHead>()
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation
    let body: AsyncThrowingStream<ByteBuffer, any Error>
    private let target: PlainTarget
    private let request: [UInt8]
    private let connectTimeout: Double
    /// Beyond this many bytes waiting for the reader, the socket is not read (backpressure).
    private let highWatermark: Int
    /// The server as errors name it.
    private var hostName: String { target.hostHeader }

    init(target: PlainTarget, request: [UInt8], connectTimeout: Double, highWatermark: Int = 16 << 20) throws {
        var ends: [Int32] = [-1, -1]
        let kind = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, kind, 0, &ends) == 0 else {
            throw ChatClientError.connection(.other(String(cString: strerror(errno))), host: target.hostHeader)
        }
        state = Locked(State(wake: ends[0], wakeWriter: ends[1]))
        (body, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self, throwing: (any Error).self)
        self.target = target
        self.request = request
        self.connectTimeout = connectTimeout
        self.highWatermark = highWatermark
    }

    /// Starts the thread that does the work.
    func start() throws {
        let status = startDetachedThread { [self] in run() }
        guard status == 0 else {
            closeWake()
            throw ChatClientError.connection(
                .other("cannot start a thread for the connection: \(String(cString: strerror(status)))"),
                host: hostName)
        }
    }

    /// Waits for the response head.
    func waitForHead() async throws -> HTTPResponseHead {
        try await headSlot.wait()
    }

    /// Stops the request wherever it is; whoever waits sees `CancellationError`. A no-op once
    /// the response was read to its end.
    func cancel() {
        let stop = state.withLock { state -> Bool in
            guard !state.finished, !state.cancelled else { return false }
            state.cancelled = true
            Self.signal(state.wakeWriter)
            return true
        }
        guard stop else { return }
        deliverHead(.failure(CancellationError()))
        continuation.finish(throwing: CancellationError())
    }

    /// The reader took `count` bytes: reading resumes when the backlog fell below half the mark.
    func consumed(_ count: Int) {
        state.withLock { state in
            state.buffered -= count
            if state.paused, state.buffered < highWatermark / 2 {
                state.paused = false
                Self.signal(state.wakeWriter)
            }
        }
    }

    // MARK: - The thread

    private func run() {
        var socket: Int32 = -1
        defer {
            if socket >= 0 { close(socket) }
            closeWake()
        }
        do {
            socket = try connect()
            try send(on: socket)
            try receive(on: socket)
        } catch {
            fail(error)
        }
    }

    private func fail(_ error: any Error) {
        state.withLock { $0.finished = true }
        deliverHead(.failure(error))
        continuation.finish(throwing: error)
    }

    private func deliverHead(_ result: Result<HTTPResponseHead, any Error>) {
        headSlot.deliver(result)
    }

    private func closeWake() {
        state.withLock { state in
            if state.wake >= 0 {
                close(state.wake)
                close(state.wakeWriter)
            }
            state.wake = -1
            state.wakeWriter = -1
        }
    }

    /// Wakes the thread (a full buffer already will).
    private static func signal(_ writer: Int32) {
        guard writer >= 0 else { return }
        var one: UInt8 = 1
        _ = write(writer, &one, 1)
    }

    /// Resolves the host and connects to its addresses in turn, within the connect timeout; a
    /// socket given up on (an error, a timeout, a cancellation) is closed.
    private func connect() throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(target.host, String(target.port), &hints, &list) == 0, let first = list else {
            throw ChatClientError.connection(.hostNotFound, host: hostName)
        }
        defer { freeaddrinfo(list) }
        var addresses: [UnsafeMutablePointer<addrinfo>] = []
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            addresses.append(entry)
            node = entry.pointee.ai_next
        }
        let deadline = Self.now() + connectTimeout
        var failure = ChatClientError.connection(.hostNotFound, host: hostName)
        for (position, entry) in addresses.enumerated() {
            // An address that does not answer (an IPv6 route that goes nowhere) gets its share of
            // the time left, at least a quarter of a second, and the next one is tried.
            let left = addresses.count - position
            let now = Self.now()
            let attemptDeadline = left == 1 ? deadline : min(deadline, now + max(0.25, (deadline - now) / Double(left)))
            let socket = Glibc.socket(
                entry.pointee.ai_family,
                Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard socket >= 0 else {
                failure = map(errno: errno)
                continue
            }
            var keep = false
            defer { if !keep { close(socket) } }
            var connected = Glibc.connect(socket, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0
            if !connected, errno == EINPROGRESS {
                guard try wait(for: socket, events: Int16(POLLOUT), until: attemptDeadline) else {
                    failure = .timeout(.connect, seconds: connectTimeout)
                    if Self.now() >= deadline { break }
                    continue
                }
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length)
                connected = error == 0
                if !connected { errno = error }
            }
            guard connected else {
                failure = map(errno: errno)
                continue
            }
            var on: Int32 = 1
            setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
            keep = true
            return socket
        }
        throw failure
    }

    /// Sends the whole request. A server that closes early (a 413 before the body is all
    /// sent) may have answered: the reading that follows tells.
    private func send(on socket: Int32) throws {
        var offset = 0
        while offset < request.count {
            let sent = request[offset...].withUnsafeBytes { bytes in
                Glibc.send(socket, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                offset += sent
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                // A server that answers before it has read the whole request (a 413 for a large
                // one) and stops reading is heard, not waited on.
                let events = try waitForEvents(socket, events: Int16(POLLOUT) | Int16(POLLIN), until: nil)
                if events & Int16(POLLOUT) == 0 { return }
            case EPIPE, ECONNRESET: return
            default: throw map(errno: errno)
            }
        }
    }

    /// Reads the answer and hands it over as it comes, one buffer per read.
    private func receive(on socket: Int32) throws {
        var parser = ResponseParser()
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            try waitWhilePaused()
            _ = try wait(for: socket, events: Int16(POLLIN), until: nil)
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                switch errno {
                case EINTR, EAGAIN, EWOULDBLOCK: continue
                case ECONNRESET where parser.hasHead: throw ChatClientError.connection(.reset, host: hostName)
                default: throw map(errno: errno)
                }
            }
            // Body bytes of this read, handed on before an error found later in the same read.
            var part: ByteBuffer?
            defer { if let part { hand(part) } }
            do {
                if count == 0 {
                    try parser.finish { try handle($0, into: &part) }
                    return
                }
                try buffer.withUnsafeBytes { bytes in
                    try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[..<count])) { event in
                        try handle(event, into: &part)
                    }
                }
                if let gathered = part {
                    hand(gathered)
                    part = nil
                }
                if parser.isComplete { return }
            } catch let error as ResponseParser.Malformed {
                throw ChatClientError.connection(
                    .other(
                        error.reason == "not HTTP"
                            ? "the answer is not HTTP (a wrong port, or a server that wants https://?)"
                            : "the answer is not valid HTTP: \(error.reason)"), host: hostName)
            } catch is ResponseParser.CutShort {
                throw ChatClientError.connection(.reset, host: hostName)
            }
        }
    }

    /// One parser event: the head is delivered, body bytes gathered into one buffer per read,
    /// and the end (after the bytes before it) closes the stream.
    private func handle(_ event: ResponseParser.Event, into part: inout ByteBuffer?) throws {
        switch event {
        case .head(let head):
            deliverHead(.success(head))
        case .body(let bytes):
            guard !bytes.isEmpty else { return }
            if part == nil {
                part = ByteBuffer(bytes: bytes)
            } else {
                part?.writeBytes(bytes)
            }
        case .end:
            if let gathered = part {
                hand(gathered)
                part = nil
            }
            state.withLock { $0.finished = true }
            continuation.finish()
        }
    }

    /// Gives a buffer to the reader; past the high-water mark, reading pauses.
    private func hand(_ buffer: ByteBuffer) {
        continuation.yield(buffer)
        state.withLock { state in
            state.buffered += buffer.readableBytes
            if state.buffered > highWatermark { state.paused = true }
        }
    }

    private func waitWhilePaused() throws {
        while true {
            let (paused, wake) = state.withLock { ($0.paused, $0.wake) }
            guard paused else { return }
            var fds = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            try checkCancelled()
            if poll(&fds, 1, -1) > 0 { Self.drain(wake) }
        }
    }

    /// Waits until the socket is ready for `events` (true) or the deadline passed (false);
    /// throws `CancellationError` when cancelled meanwhile.
    private func wait(for socket: Int32, events: Int16, until deadline: Double?) throws -> Bool {
        try waitForEvents(socket, events: events, until: deadline) != 0
    }

    /// The same, giving the socket's `revents` (0 when the deadline passed).
    private func waitForEvents(_ socket: Int32, events: Int16, until deadline: Double?) throws -> Int16 {
        let wake = state.withLock { $0.wake }
        while true {
            try checkCancelled()
            var timeout: Int32 = -1
            if let deadline {
                let left = deadline - Self.now()
                guard left > 0 else { return 0 }
                timeout = Int32(min(left * 1000 + 1, Double(Int32.max)))
            }
            var fds = [
                pollfd(fd: socket, events: events, revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw map(errno: errno)
            }
            if fds[1].revents != 0 { Self.drain(wake) }
            if fds[0].revents != 0 { return fds[0].revents }
        }
    }

    private func checkCancelled() throws {
        if state.withLock({ $0.cancelled }) { throw CancellationError() }
    }

    private static func drain(_ wake: Int32) {
        var bytes = (UInt64(0), UInt64(0))
        while withUnsafeMutableBytes(of: &bytes, { read(wake, $0.baseAddress, $0.count) }) > 0 {}
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private func map(errno code: Int32) -> ChatClientError {
        switch code {
        case ECONNREFUSED: .connection(.refused, host: hostName)
        case ECONNRESET, EPIPE: .connection(.reset, host: hostName)
        case ENETUNREACH, EHOSTUNREACH: .connection(.unreachable, host: hostName)
        case ETIMEDOUT: .timeout(.connect, seconds: connectTimeout)
        default: .connection(.other(String(cString: strerror(code))), host: hostName)
        }
    }
}
