import ChatClient
import Tools

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A whole config file: top-level fields, named profiles, and the settings that are not per server.
public struct ConfigFile: Sendable, Equatable {
    public var fields = ConfigFields()
    public var profiles: [String: ConfigFields] = [:]
    public var defaultProfile: String?
    public var color: ColorMode?
    /// Whether interactive conversations are saved (default true).
    public var saveSessions: Bool?
    public var historySize: Int?
    /// Render replies as Markdown on a terminal (default true).
    public var markdown: Bool?
    /// One dimmed line of tokens, speed and cost after each reply on a terminal (default true).
    public var statusLine: Bool?
    /// Per-model context lengths and prices.
    public var models: [String: ModelInfo] = [:]
    /// Per-model request parameters (`models.NAME.params`).
    public var modelParameters: [String: RequestParameters] = [:]
    /// Attachment limits and choices (`"attachments": {…}`).
    public var attachments = AttachmentSettings()
    /// Group or others may read the file (then a key written in it is refused).
    public var readableByOthers = false
    public var path: String?
    /// Command tools, enabled_tools, auto_approve, tool_chain_limit (issue 12): a bad tool is
    /// one of its problems, not an error of the whole file.
    public var tools = ToolConfig()

    public init() {}

    /// Reads and checks a config file. A missing file at the default place means defaults.
    public static func load(path: String, mustExist: Bool) throws(ParleyError) -> ConfigFile {
        // open(2) and read(2), not Foundation's URL reading: that costs a protocol-conformance
        // scan of the whole binary on every start, config file or not.
        let data: Data
        switch WholeFile.read(path) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let failure):
            if !mustExist, !FileSystem.exists(path) { return ConfigFile() }
            guard case .system(let code) = failure else { throw .config(path: path, "cannot be read") }
            throw .config(path: path, "cannot be read (\(FileSystem.describe(code)))")
        }
        var file = try parse(data, path: path)
        file.readableByOthers = FileSystem.permissions(path).map { $0 & 0o044 != 0 } ?? false
        file.path = path
        return file
    }

    public static func parse(_ data: Data, path: String) throws(ParleyError) -> ConfigFile {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .config(path: path, "is not valid JSON (\(JSONErrorText.describe(error)))")
        }
        var reader = ConfigReader(path: path)
        return try reader.file(json)
    }
}
