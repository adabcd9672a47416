#if canImport(Glibc)
    import Glibc
#endif

/// Reads a whole file with open(2) and read(2). Not Foundation's file reading: it builds a
/// dictionary of file attributes whose type is looked up by name, a protocol-conformance scan
/// of the whole binary, on every start that reads a file.
package enum WholeFile {
    /// An errno, as the error of `read`.
    package struct SystemError: Error, Equatable {
        package let code: Int32
    }

    /// The file's bytes, or the errno that stopped reading it.
    package static func read(_ path: String) -> Result<[UInt8], SystemError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(SystemError(code: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 {
                return .success(bytes)
            } else if errno != EINTR {
                return .failure(SystemError(code: errno))
            }
        }
    }
}
