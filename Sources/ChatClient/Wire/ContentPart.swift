/// Content parts of a user message (`text`, `image_url`, `file`), built and taken apart as
/// JSON, and where each kind keeps its payload: the text, the image's URL, the file's data.
public enum ContentPart {
    public static func text(_ text: String) -> JSONValue {
        .object(["type": .string("text"), "text": .string(text)])
    }

    /// An `image_url` part; `detail` is low, high or auto, or nil to leave it to the server.
    public static func image(url: String, detail: String? = nil) -> JSONValue {
        var image: [String: JSONValue] = ["url": .string(url)]
        if let detail { image["detail"] = .string(detail) }
        return .object(["type": .string("image_url"), "image_url": .object(image)])
    }

    /// A `file` part with the file's bytes as a `data:` URL (OpenAI, OpenRouter).
    public static func file(name: String, dataURL: String) -> JSONValue {
        .object([
            "type": .string("file"),
            "file": .object(["filename": .string(name), "file_data": .string(dataURL)]),
        ])
    }

    /// A `data:` URL of bytes already in base64.
    public static func dataURL(mime: String, base64: String) -> String {
        "data:\(mime);base64,\(base64)"
    }

    /// The part with Parley's attachment note added.
    public static func noting(_ reference: AttachmentReference, in part: JSONValue) -> JSONValue {
        guard case .object(var members) = part else { return part }
        members[AttachmentReference.key] = reference.json
        return .object(members)
    }

    /// Where a part of this type keeps its payload: the object inside it (nil: the part
    /// itself) and the key.
    static func payloadLocation(type: String?) -> (container: String?, key: String)? {
        switch type {
        case "image_url": ("image_url", "url")
        case "file": ("file", "file_data")
        case "text": (nil, "text")
        default: nil
        }
    }

    /// The part's payload (text, URL or file data), or nil when it has none.
    public static func payload(of part: JSONValue) -> String? {
        guard let location = payloadLocation(type: part["type"]?.stringValue) else { return nil }
        let holder = location.container.map { part[$0] } ?? part
        return holder?[location.key]?.stringValue
    }

    /// The part with its payload replaced, or removed when `payload` is nil.
    public static func settingPayload(_ payload: String?, in part: JSONValue) -> JSONValue {
        guard case .object(var members) = part, let location = payloadLocation(type: part["type"]?.stringValue)
        else { return part }
        guard let container = location.container else {
            members[location.key] = payload.map(JSONValue.string)
            return .object(members)
        }
        var inner: [String: JSONValue] = [:]
        if case .object(let existing) = members[container] { inner = existing }
        inner[location.key] = payload.map(JSONValue.string)
        members[container] = .object(inner)
        return .object(members)
    }

    /// The part as a server takes it: without Parley's note; a part whose stored bytes were
    /// not found becomes a short text saying so, so the request stays valid.
    public static func wireForm(of part: JSONValue) -> JSONValue {
        guard case .object(var members) = part, members[AttachmentReference.key] != nil else { return part }
        let reference = AttachmentReference(in: part)
        members[AttachmentReference.key] = nil
        guard payload(of: part) != nil else {
            return text("[attachment \(reference?.name ?? "?") is missing: its stored copy was not found]")
        }
        return .object(members)
    }
}

extension ChatMessage {
    /// The message's attachment notes, in order.
    public var attachmentReferences: [AttachmentReference] {
        guard case .array(let parts) = contentParts else { return [] }
        return parts.compactMap { AttachmentReference(in: $0) }
    }

    /// What the message has attached, for `/history`: each attachment's name, and the URL
    /// of an image passed on as a URL.
    public var attachmentNames: [String] {
        guard case .array(let parts) = contentParts else { return [] }
        return parts.compactMap { part in
            if let reference = AttachmentReference(in: part) { return reference.name }
            guard part["type"]?.stringValue == "image_url", let url = part["image_url"]?["url"]?.stringValue,
                !url.hasPrefix("data:")
            else { return nil }
            return url
        }
    }

    /// Tokens the attachments add, roughly: their text at four characters a token, a
    /// picture or a file as 800 (a high-detail image tile costs about that).
    public var attachmentTokenEstimate: Int {
        guard case .array(let parts) = contentParts else { return 0 }
        return parts.reduce(0) { total, part in
            guard part["type"]?.stringValue == "text" else { return total + 800 }
            // Typed text is in `content` already; an attached file's text is not.
            guard AttachmentReference(in: part) != nil, let text = part["text"]?.stringValue else { return total }
            return total + TokenEstimate.tokens(text)
        }
    }

    /// True when some part carries Parley's attachment note.
    public var hasAttachments: Bool {
        guard case .array(let parts) = contentParts else { return false }
        return parts.contains { $0[AttachmentReference.key] != nil }
    }

    /// The message as a request carries it (see `ContentPart.wireForm(of:)`); unchanged when
    /// it has no attachments.
    public var wireForm: ChatMessage {
        guard hasAttachments, case .array(let parts) = contentParts else { return self }
        var message = self
        message.contentParts = .array(parts.map(ContentPart.wireForm(of:)))
        return message
    }

    /// A user message of typed text and content parts (attachments). The text is what
    /// `content` holds, so listings, titles and the search index see what was typed.
    public static func user(text: String, parts: [JSONValue]) -> ChatMessage {
        guard !parts.isEmpty else { return ChatMessage(role: .user, content: text) }
        var message = ChatMessage(role: .user, content: text)
        message.contentParts = .array((text.isEmpty ? [] : [ContentPart.text(text)]) + parts)
        return message
    }

    /// The same message with other content parts (its text kept).
    public func replacingParts(_ parts: [JSONValue]) -> ChatMessage {
        var message = self
        message.contentParts = .array(parts)
        return message
    }
}
