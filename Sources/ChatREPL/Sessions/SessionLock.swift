#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// An exclusive lock on a session, held while this process uses it: a hidden `.NAME.lock`
/// file beside it, locked with flock(2) (released by the kernel if the process dies).
public final class SessionLock {
    private var fd: Int32

    public init(sessionPath: String) throws(ParleyError) {
        // One lock per file, however it is reached: a link and its target share it.
        let file = FileSystem.symlinkTarget(sessionPath) ?? sessionPath
        let directory = FileSystem.parent(of: file)
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let lockPath = (directory.isEmpty ? "" : directory + "/") + ".\(name).lock"
        fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .session(path: sessionPath, "cannot create its lock file (\(String(cString: strerror(errno))))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            fd = -1
            throw .locked(path: sessionPath)
        }
    }

    public func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
