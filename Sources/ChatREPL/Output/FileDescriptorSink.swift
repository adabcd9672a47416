import ChatClient
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes straight to a file descriptor with write(2): no buffering, so a streamed piece of a
/// reply is on screen as soon as it arrives.
public struct FileDescriptorSink: OutputSink {
    public let fd: Int32

    public init(fd: Int32) {
        self.fd = fd
    }

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // a closed pipe: nothing more can be shown
                }
                offset += written
            }
        }
    }
}
