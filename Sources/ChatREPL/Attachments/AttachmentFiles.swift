import ChatClient

#if canImport(Glibc)
    import Glibc
#endif

/// The file-system side of attachments: what a path is, reading a file within a limit, and
/// the files of a directory or a glob (hidden names and `.git` skipped, symbolic links to
/// directories not followed).
enum AttachmentFiles {
    enum Entry: Equatable {
        case file(size: Int)
        case directory
        case other
        /// The system's reason it cannot be examined ("no such file").
        case unusable(String)
    }

    static func entry(_ path: String) -> Entry {
        var info = stat()
        guard stat(path, &info) == 0 else { return .unusable(describe(errno)) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(info.st_size))
        case S_IFDIR: return .directory
        default: return .other
        }
    }

    /// The whole file; more than `limit` bytes is an error that names the limit.
    static func read(_ path: String, name: String, limit: Int) throws(AttachmentError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw AttachmentError(name, describe(errno)) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, Int(info.st_size) > limit {
            throw tooLarge(name, size: Int(info.st_size), limit: limit)
        }
        switch WholeFile.read(fd: fd, limit: limit) {
        case .success(let bytes): return bytes
        case .failure(.tooLarge(let size)): throw tooLarge(name, size: size, limit: limit)
        case .failure(.system(let code)): throw AttachmentError(name, describe(code))
        }
    }

    static func tooLarge(_ name: String, size: Int, limit: Int) -> AttachmentError {
        AttachmentError(
            name, "it is \(Attachment.size(size)), over the \(Attachment.size(limit)) limit for one attachment",
            advice: "raise \"attachments\": {\"max_file_mb\": …} in the config to send bigger files")
    }

    /// Up to `count` bytes from the start of a file; nil when it cannot be read.
    static func head(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return read < 0 ? nil : Array(buffer.prefix(read))
    }

    /// The regular files under a directory, sorted, hidden names skipped; stops after
    /// `limit` entries looked at (`exhausted` then says so).
    static func walk(_ directory: String, depth: Int = .max, limit: Int = 100_000) -> (
        files: [String], exhausted: Bool
    ) {
        var files: [String] = []
        var looked = 0
        var pending: [(String, Int)] = [(directory, 0)]
        while let (current, level) = pending.popLast() {
            guard let dir = opendir(current) else { continue }
            defer { closedir(dir) }
            while let item = readdir(dir) {
                let name = withUnsafeBytes(of: item.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                looked += 1
                if looked > limit { return (files.sorted(), true) }
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: files.append(path)
                case S_IFDIR where level + 1 < depth: pending.append((path, level + 1))
                case S_IFLNK: if case .file = entry(path) { files.append(path) }
                default: break
                }
            }
        }
        return (files.sorted(), false)
    }

    /// True when a path holds glob characters.
    static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The files a glob matches, sorted: `*`, `?` and `[…]` within a name, `**` for any
    /// number of directories. Hidden names below the pattern's fixed start are skipped.
    static func glob(_ pattern: String, limit: Int = 100_000) -> (files: [String], exhausted: Bool) {
        let absolute = pattern.hasPrefix("/")
        let parts = pattern.split(separator: "/").map(String.init)
        let fixed = parts.prefix { !isPattern($0) }
        let rest = Array(parts.dropFirst(fixed.count))
        var base = fixed.joined(separator: "/")
        if absolute { base = "/" + base }
        if base.isEmpty { base = "." }
        guard !rest.isEmpty else { return (entry(base) == .directory ? [] : [base], false) }
        let depth = rest.contains("**") ? Int.max : rest.count
        let (candidates, exhausted) = walk(base, depth: depth, limit: limit)
        let prefix = base == "." && !pattern.hasPrefix("./") ? "./" : base.hasSuffix("/") ? base : base + "/"
        let files = candidates.compactMap { path -> String? in
            guard path.hasPrefix(prefix) else { return nil }
            let relative = path.dropFirst(prefix.count).split(separator: "/").map(String.init)
            guard matches(rest[...], relative[...]) else { return nil }
            return base == "." && !pattern.hasPrefix("./") ? String(path.dropFirst(2)) : path
        }
        return (files, exhausted)
    }

    private static func matches(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        if first == "**" {
            if matches(pattern.dropFirst(), path) { return true }
            return !path.isEmpty && matches(pattern, path.dropFirst())
        }
        guard let name = path.first, fnmatch(first, name, FNM_PERIOD) == 0 else { return false }
        return matches(pattern.dropFirst(), path.dropFirst())
    }

    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case EACCES: "permission denied"
        case EISDIR: "it is a directory"
        default: String(cString: strerror(code)).lowercased()
        }
    }
}
