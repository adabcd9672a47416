import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The few file operations Parley needs, with POSIX semantics where safety depends on them.
public enum FileSystem {
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The permission bits of a file, or nil when it cannot be examined.
    public static func permissions(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode & 0o7777)
    }

    /// The directory part of a path ("" for a bare file name).
    public static func parent(of path: String) -> String {
        // What is before the last slash (not split and joined: `joined` costs a conformance scan).
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Creates the directory a file goes in, when it is missing.
    public static func makeParent(of path: String) throws(ParleyError) {
        let parent = parent(of: path)
        if !parent.isEmpty, !exists(parent) { try makeDirectories(parent) }
    }

    /// Creates a directory and its parents, private to the user (0700) where it creates them.
    public static func makeDirectories(_ path: String) throws(ParleyError) {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0, errno != EEXIST {
                throw .data("cannot create the directory \(current): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Writes a file so that a crash at any moment leaves the old file or the new one, never a
    /// mix: a temporary file beside it (mode 0600), fsync, rename, fsync of the directory.
    /// A path reached through a symbolic link is written where the link points, so the link stays.
    public static func writeAtomically(_ bytes: some Collection<UInt8>, to path: String) throws(ParleyError) {
        let path = symlinkTarget(path) ?? path
        let directory = parent(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .data("cannot write \(path): \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        let array = Array(bytes)
        array.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(fd, base + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw .data("cannot write \(path): \(String(cString: strerror(failure)))")
        }
        let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            fsync(directoryFD)
            close(directoryFD)
        }
    }

    /// Where a symbolic link finally points (relative targets resolved against its directory),
    /// or nil when `path` is not a link.
    static func symlinkTarget(_ path: String) -> String? {
        var current = path
        for _ in 0..<40 {  // as the kernel's own limit on nested links
            var buffer = [CChar](repeating: 0, count: 4096)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count > 0 else { return current == path ? nil : current }
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let directory = parent(of: current)
            current = target.hasPrefix("/") || directory.isEmpty ? target : directory + "/" + target
        }
        return current
    }

    /// A whole file, with open(2) and read(2): errors say what the system said ("no such
    /// file", "is a directory"), and an empty file reads as empty without Foundation.
    public static func read(_ path: String) throws(ParleyError) -> [UInt8] {
        switch WholeFile.read(path) {
        case .success(let bytes): return bytes
        case .failure(.system(let code)): throw .session(path: path, "cannot be read (\(describe(code)))")
        case .failure(.tooLarge): throw .session(path: path, "cannot be read")  // no limit was given
        }
    }

    /// The system's words for an errno, in lower case as the rest of a message.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES: "permission denied"
        case EISDIR: "it is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    /// Files in a directory with their modification times, newest first.
    public static func listNewestFirst(_ directory: String, suffix: String) -> [(path: String, modified: Double)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var result: [(String, Double)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasSuffix(suffix), !name.hasPrefix(".") else { continue }
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            result.append((path, Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9))
        }
        return result.sorted { $0.1 > $1.1 }
    }
}
