import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes straight to a file descriptor with write(2): no buffering, so a streamed piece of a
/// reply is on screen as soon as it arrives. A failed write is remembered, so the caller can
/// say so and exit with a failure; a reader that went away (EPIPE: `parley q | head`) is not one.
public final class FileDescriptorSink: OutputSink {
    public let fd: Int32
    private let error = Atomic<Int32>(0)

    public init(fd: Int32) {
        self.fd = fd
    }

    public var failure: String? {
        let code = error.load(ordering: .relaxed)
        return code == 0 ? nil : String(cString: strerror(code))
    }

    public func write(_ text: String) {
        guard error.load(ordering: .relaxed) == 0 else { return }
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    if errno != EPIPE { error.store(errno, ordering: .relaxed) }
                    return
                }
                offset += written
            }
        }
    }
}
