import ChatClient
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

/// The tools the user approved "always": `approvals.json` in the config directory,
/// `{"version": 1, "always": [{"tool": NAME, "source": SOURCE}]}`. An approval holds for the
/// tool with that name and that source only, so a tool whose command changed is asked about again.
public struct ApprovalStore: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// One remembered approval.
    public struct Entry: Codable, Sendable, Hashable {
        public var tool: String
        public var source: String
    }

    private struct File: Codable {
        var version: Int
        var always: [Entry]
    }

    /// The approvals on file; a missing file is none. An unreadable one is an error with the reason.
    public func load() -> Result<Set<Entry>, ApprovalStoreError> {
        // open and read: Foundation's file reading costs a conformance scan on every start.
        guard case .success(let bytes) = WholeFile.read(path) else {
            if FileManager.default.fileExists(atPath: path) {
                return .failure(ApprovalStoreError(message: "\(path) cannot be read"))
            }
            return .success([])
        }
        guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)) else {
            return .failure(
                ApprovalStoreError(
                    message: "\(path) is not a valid approvals file (expected {\"version\": 1, \"always\": [...]}); "
                        + "remembered approvals are not used until it is fixed or removed"))
        }
        guard file.version == 1 else {
            return .failure(
                ApprovalStoreError(message: "\(path) has format version \(file.version), newer than this Parley reads"))
        }
        return .success(Set(file.always))
    }

    /// Adds an approval; written to a temporary file and renamed, mode 0600.
    public func add(_ entry: Entry) -> Result<Void, ApprovalStoreError> {
        var entries: Set<Entry>
        switch load() {
        case .success(let loaded): entries = loaded
        case .failure(let error): return .failure(error)
        }
        entries.insert(entry)
        let file = File(
            version: 1, always: entries.sorted { ($0.tool, $0.source) < ($1.tool, $1.source) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(file)
            let directory = path.parentPath
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = path + ".tmp"
            guard
                FileManager.default.createFile(
                    atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { return .failure(ApprovalStoreError(message: "\(temporary) cannot be written")) }
            guard rename(temporary, path) == 0 else {
                return .failure(ApprovalStoreError(message: "\(path) cannot be written"))
            }
            return .success(())
        } catch {
            return .failure(ApprovalStoreError(message: "\(path) cannot be written (\(describeSystemError(error)))"))
        }
    }
}

/// The approvals file could not be read or written.
public struct ApprovalStoreError: Error, Sendable, Equatable {
    public var message: String
}
