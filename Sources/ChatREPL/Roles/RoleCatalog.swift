import ChatClient

/// The roles there are: the files `NAME.md` in the roles directory (beside the config), and
/// the built-in ones, which a file of the same name replaces. Nothing is read until a role is
/// asked for or listed.
public struct RoleCatalog: Sendable {
    /// `$XDG_CONFIG_HOME/parley/roles`.
    public var directory: String
    public var environment: RoleEnvironment

    public init(directory: String, environment: RoleEnvironment) {
        self.directory = directory
        self.environment = environment
    }

    public init(paths: Paths, environment: [String: String]) {
        self.init(directory: paths.roles, environment: RoleEnvironment(environment))
    }

    /// A role's name: a file name without `.md`, so no `/` and no leading dot.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix(".") && name.count <= 100
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    static func nameProblem(_ name: String) -> ParleyError {
        .usage("'\(name)' is not a role name: use letters, digits, '-', '_' and '.' (not first)")
    }

    /// A role is a prompt: a file larger than this is a mistake (a log, an archive), not a role.
    static let maxFileBytes = 1 << 20

    public func path(of name: String) -> String {
        directory + "/" + name + ".md"
    }

    /// The names of the role files, sorted.
    public func fileNames() -> [String] {
        allFileNames().filter(Self.isValidName)
    }

    /// The `.md` files whose names cannot be a role's (`my role.md`), which `-r` cannot name.
    public func unusableFileNames() -> [String] {
        allFileNames().filter { !Self.isValidName($0) }.map { $0 + ".md" }
    }

    private func allFileNames() -> [String] {
        FileSystem.listNewestFirst(directory, suffix: ".md").map { entry in
            String((entry.path.split(separator: "/").last.map(String.init) ?? "").dropLast(3))
        }.sorted()
    }

    /// Every role name, files and built-ins, sorted.
    public func allNames() -> [String] {
        Array(Set(fileNames()).union(BuiltInRoles.all.keys)).sorted()
    }

    /// The role called `name`: its file when there is one, else the built-in one.
    public func load(_ name: String) throws(ParleyError) -> RoleDefinition {
        guard Self.isValidName(name) else { throw Self.nameProblem(name) }
        let path = path(of: name)
        if FileSystem.exists(path) {
            let bytes: [UInt8]
            do {
                bytes = try FileSystem.read(path)
            } catch {
                throw .setup("role file \(path) \(FileSystem.describeRead(error))")
            }
            guard bytes.count <= Self.maxFileBytes else {
                throw .setup("role file \(path) is \(bytes.count >> 10) KB; a role file is at most 1 MB of text")
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .setup("role file \(path) is not UTF-8 text; expected a prompt with optional YAML front matter")
            }
            return try RoleFrontMatter.parse(text, name: name, path: path)
        }
        if let role = BuiltInRoles.role(named: name) { return role }
        throw .usage("no role named '\(name)'; the roles are: \(allNames().joined(separator: ", "))")
    }

    /// The role called `name`, its variables filled from `values`.
    public func active(_ name: String, values: [String: String]) throws(ParleyError) -> ActiveRole {
        try load(name).resolved(values: values, environment: environment)
    }

    /// Writes a role file (0600, atomically), making the directory first.
    public func write(_ text: String, as name: String) throws(ParleyError) -> String {
        guard Self.isValidName(name) else { throw Self.nameProblem(name) }
        let path = path(of: name)
        try FileSystem.makeDirectories(directory)
        try FileSystem.writeAtomically(Array(text.utf8), to: path)
        return path
    }
}

extension Paths {
    /// Where role files live: `roles/` beside the config file.
    public var roles: String {
        FileSystem.parent(of: config) + "/roles"
    }
}

extension FileSystem {
    /// The reason inside a read error, without the session wording `read` puts around it.
    static func describeRead(_ error: ParleyError) -> String {
        if case .session(_, let reason) = error { return reason }
        return ErrorWording.words(for: error, context: nil).message
    }
}
