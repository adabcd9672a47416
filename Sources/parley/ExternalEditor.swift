import ChatREPL
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// Runs $VISUAL or $EDITOR on a private temporary file for /edit, with SIGINT back at its
/// default in the editor, and returns what was saved.
struct ExternalEditor: MessageEditor {
    let command: String
    /// Where the draft goes: $TMPDIR or /tmp.
    let temporaryDirectory: String

    /// The editor the environment names, if any.
    init?(environment: [String: String]) {
        guard
            let command = [environment["VISUAL"], environment["EDITOR"]].compactMap({ $0 }).first(where: { !$0.isEmpty }
            )
        else { return nil }
        self.command = command
        temporaryDirectory = TemporaryDirectory.path(environment)
    }

    func edit(_ draft: String) throws(ParleyError) -> String? {
        var template = Array((temporaryDirectory + "parley-message-XXXXXX.md").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, 3)
        }
        guard fd >= 0 else {
            throw .data("/edit: cannot create a temporary file (\(String(cString: strerror(errno))))")
        }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // The draft is removed only once its text is taken: after any failure it stays, and the
        // message says where, so nothing typed in the editor is lost.
        var keep = true
        defer { if !keep { unlink(path) } }
        var bytes = Array(draft.utf8)
        _ = write(fd, &bytes, bytes.count)
        close(fd)

        // Through the shell, so "code --wait" and the like work; the file is passed as "$1".
        let argv: [UnsafeMutablePointer<CChar>?] = [
            strdup("/bin/sh"), strdup("-c"), strdup(command + " \"$1\""), strdup("sh"), strdup(path), nil,
        ]
        defer { for pointer in argv { free(pointer) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, &attributes, argv, environ)
        guard spawned == 0 else {
            keep = false
            throw .data("/edit: cannot start \(command): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exitCode = (status >> 8) & 0xFF
        guard status & 0x7F == 0, exitCode == 0 else {
            throw .data(
                "/edit: the editor (\(command)) did not exit cleanly; nothing was sent; the draft is kept in \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .data("/edit: the edited file is not UTF-8 text; nothing was sent; the draft is kept in \(path)")
        }
        keep = false
        return text
    }
}
