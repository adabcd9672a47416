/// Parley's note, inside a content part, of the attachment whose bytes the part carries: the
/// SHA-256 the bytes are stored under, the name the user gave and the media type. A session
/// file keeps the note in place of the bytes; a request never carries it.
public struct AttachmentReference: Sendable, Equatable {
    /// The key of a content part that holds the note.
    public static let key = "parley_attachment"

    public var sha256: String
    public var name: String
    public var mime: String

    public init(sha256: String, name: String, mime: String) {
        self.sha256 = sha256
        self.name = name
        self.mime = mime
    }

    /// The note found in a part, or nil when the part has none (or a malformed one).
    public init?(in part: JSONValue) {
        guard let note = part[Self.key], let sha256 = note["sha256"]?.stringValue,
            sha256.count == 64, sha256.allSatisfy(\.isHexDigit)
        else { return nil }
        self.sha256 = sha256.lowercased()
        name = note["name"]?.stringValue ?? sha256
        mime = note["mime"]?.stringValue ?? "application/octet-stream"
    }

    public var json: JSONValue {
        .object(["sha256": .string(sha256), "name": .string(name), "mime": .string(mime)])
    }
}
