#if canImport(Glibc)
    import Glibc
#endif

/// Starts a program in a process group of its own, on the given descriptors, with signals at
/// their defaults: what an MCP server needs (command tools use `PosixProcessRunner`).
enum ChildSpawner {
    struct Problem: Error {
        var message: String
    }

    static func spawn(
        argv: [String], environment: [String: String], cwd: String?, stdin: Int32, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, Problem> {
        guard let program = argv.first, !program.isEmpty else { return .failure(Problem(message: "no command")) }
        let path =
            program.contains("/")
            ? program : PosixProcessRunner.resolve(program, path: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
        guard let path else { return .failure(Problem(message: "\(program) is not on the PATH")) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        if let cwd {
            guard let addChdir = PosixProcessRunner.addChdir else {
                return .failure(Problem(message: "this C library cannot start a process in another directory"))
            }
            _ = addChdir(&actions, cwd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let arguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] =
            environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in arguments { free(pointer) }
            for pointer in variables { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, arguments, variables)
        guard result == 0 else { return .failure(Problem(message: String(cString: strerror(result)))) }
        return .success(pid)
    }
}
