import ChatClient

/// The limits and choices for attachments: config `"attachments": {…}` and `--image-detail`.
public struct AttachmentSettings: Sendable, Equatable {
    /// The most one file (or download) may be (config `max_file_mb`, default 20 MB).
    public var maxFileBytes = 20 << 20
    /// The most files a directory or a glob may bring (config `max_files`, default 100).
    public var maxFiles = 100
    /// The most text a directory or a glob may bring (config `max_total_mb`, default 2 MB).
    public var maxTotalBytes = 2 << 20
    /// `detail` of image parts: low, high or auto; nil leaves it to the server.
    public var imageDetail: ImageDetail?
    /// Download image URLs and send their bytes (true), pass them to the server (false), or
    /// decide by the server (nil: only Ollama is known not to fetch them).
    public var inlineURLs: Bool?

    public init() {}

    /// The config keys inside `"attachments"`.
    static let configKeys = ["max_file_mb", "max_files", "max_total_mb", "image_detail", "inline_urls"]
}

/// How much of an image a vision model looks at (`image_url.detail`).
public enum ImageDetail: String, Sendable, Equatable, CaseIterable {
    case low
    case high
    case auto

    /// Reads a flag's or config's value; nil for anything else.
    public init?(parsing text: String) {
        self.init(rawValue: text.lowercased())
    }

    public static let accepted = "low, high or auto"
}
