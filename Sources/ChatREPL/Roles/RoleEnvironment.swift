#if canImport(Glibc)
    import Glibc
#endif

/// The machine a role's built-in variables describe, as aichat names them: `{{__shell__}}`,
/// `{{__os__}}`, `{{__os_distro__}}`, `{{__os_family__}}`, `{{__arch__}}`, `{{__locale__}}`,
/// `{{__cwd__}}`, `{{__now__}}`. Each is looked up only when a role uses it.
public struct RoleEnvironment: Sendable {
    /// The process's environment (`SHELL`, `LANG`, …).
    public var variables: [String: String]
    /// Where `/etc/os-release` is, for `{{__os_distro__}}` (a test points it elsewhere).
    public var osRelease = "/etc/os-release"

    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    static let builtInNames: Set<String> = [
        "__shell__", "__os__", "__os_distro__", "__os_family__", "__arch__", "__locale__", "__cwd__", "__now__",
    ]

    static func isBuiltIn(_ name: String) -> Bool { builtInNames.contains(name) }

    /// The value of a built-in variable, or nil when `name` is not one.
    func builtIn(_ name: String) -> String? {
        switch name {
        case "__shell__": shell
        case "__os__": "linux"
        case "__os_family__": "unix"
        case "__os_distro__": distribution
        case "__arch__": architecture
        case "__locale__": locale
        case "__cwd__": currentDirectory
        case "__now__": Timestamp.now()
        default: nil
        }
    }

    /// The user's shell, by name (`bash`, `zsh`, `fish`): `$SHELL`'s last component, else `sh`.
    public var shell: String {
        guard let path = variables["SHELL"], let last = path.split(separator: "/").last, !last.isEmpty else {
            return "sh"
        }
        return String(last)
    }

    /// "Debian GNU/Linux 12 (bookworm) (linux)", from os-release's PRETTY_NAME; "linux" without it.
    public var distribution: String {
        guard let bytes = try? FileSystem.read(osRelease) else { return "linux" }
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
        where line.hasPrefix("PRETTY_NAME=") {
            var value = line.dropFirst("PRETTY_NAME=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            if !value.isEmpty { return "\(value) (linux)" }
        }
        return "linux"
    }

    var architecture: String {
        #if arch(x86_64)
            "x86_64"
        #elseif arch(arm64)
            "aarch64"
        #else
            "unknown"
        #endif
    }

    var locale: String {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = variables[name], !value.isEmpty { return value }
        }
        return "C"
    }

    var currentDirectory: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return variables["PWD"] ?? "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
