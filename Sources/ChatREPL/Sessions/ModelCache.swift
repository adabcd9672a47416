#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The model lists servers gave (`/models`, `parley models`), kept per base URL so that Tab
/// can complete `/model NAME` without asking the server again.
public struct ModelCache: Sendable {
    public let path: String
    /// False with --no-save: the cache is read, never written.
    public let writable: Bool

    public init(path: String, writable: Bool = true) {
        self.path = path
        self.writable = writable
    }

    public func models(for baseURL: String) -> [String] {
        all()[baseURL] ?? []
    }

    public func store(_ models: [String], for baseURL: String) {
        guard writable else { return }
        var lists = all()
        lists[baseURL] = models
        guard let data = try? JSONEncoder().encode(lists) else { return }
        try? FileSystem.makeParent(of: path)
        try? FileSystem.writeAtomically(Array(data), to: path)
    }

    private func all() -> [String: [String]] {
        guard let bytes = try? FileSystem.read(path) else { return [:] }
        return (try? JSONDecoder().decode([String: [String]].self, from: Data(bytes))) ?? [:]
    }
}
