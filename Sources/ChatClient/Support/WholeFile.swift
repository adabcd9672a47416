#if canImport(Glibc)
    import Glibc
#endif

/// Reads a whole file (or all of a descriptor) with read(2): the one reading loop of the
/// session, config, approvals and attachment files and of stdin. Not Foundation's file reading:
/// it builds a dictionary of file attributes whose type is looked up by name, a
/// protocol-conformance scan of the whole binary, on every start that reads a file.
package enum WholeFile {
    /// Why reading stopped.
    package enum Failure: Error, Equatable {
        /// The errno of the open or read that failed.
        case system(Int32)
        /// More than the limit given; `size` is how much had been read (past the limit).
        case tooLarge(size: Int)
    }

    /// The file's bytes, or why they could not be read.
    package static func read(_ path: String) -> Result<[UInt8], Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(errno)) }
        defer { close(fd) }
        return read(fd: fd, limit: nil)
    }

    /// Everything left to read from `fd`, stopping once it holds more than `limit` bytes.
    package static func read(fd: Int32, limit: Int?) -> Result<[UInt8], Failure> {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
                if let limit, bytes.count > limit { return .failure(.tooLarge(size: bytes.count)) }
            } else if count == 0 {
                return .success(bytes)
            } else if errno != EINTR {
                return .failure(.system(errno))
            }
        }
    }
}
