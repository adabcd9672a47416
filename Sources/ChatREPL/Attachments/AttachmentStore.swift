import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Attachment bytes beside the session files that refer to them: one file per content,
/// named by its SHA-256 (`attachments/<sha256>`), written and fsynced before the session
/// file that names it, so a session on disk never refers to bytes that are not there. The
/// session file keeps each part's type and Parley's note, not the bytes.
public struct AttachmentStore: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The store beside a session file: `attachments/` in the session's folder (the folder of
    /// the file a symbolic link points to, where the session is written).
    public init(sessionPath: String) {
        let parent = FileSystem.parent(of: FileSystem.symlinkTarget(sessionPath) ?? sessionPath)
        directory = parent.isEmpty ? "attachments" : parent + "/attachments"
    }

    public func path(of sha256: String) -> String { directory + "/" + sha256 }

    /// The conversation as its session file holds it: each attachment's bytes stored (once),
    /// its part keeping the note and not the bytes. Unchanged when it has no attachments.
    public func storing(_ conversation: Conversation) throws(ParleyError) -> Conversation {
        guard conversation.messages.contains(where: \.hasAttachments) else { return conversation }
        var messages = conversation.messages
        for index in messages.indices where messages[index].hasAttachments {
            guard case .array(let parts) = messages[index].contentParts else { continue }
            var stored: [JSONValue] = []
            for part in parts {
                guard let reference = AttachmentReference(in: part), let payload = ContentPart.payload(of: part) else {
                    stored.append(part)
                    continue
                }
                guard let bytes = Self.bytes(ofPayload: payload, type: part["type"]?.stringValue) else {
                    stored.append(part)  // not bytes Parley stored: kept as they are
                    continue
                }
                try write(bytes, as: reference.sha256)
                stored.append(ContentPart.settingPayload(nil, in: part))
            }
            messages[index] = messages[index].replacingParts(stored)
        }
        return Conversation(
            settings: conversation.settings, messages: messages, info: conversation.info,
            created: conversation.created, title: conversation.title)
    }

    /// The conversation with each attachment's bytes read back into its part, and the notes
    /// of those not found (or damaged): their parts stay notes, sent as a line saying so.
    public func resolving(_ conversation: Conversation) -> (conversation: Conversation, missing: [AttachmentReference])
    {
        guard conversation.messages.contains(where: \.hasAttachments) else { return (conversation, []) }
        var messages = conversation.messages
        var missing: [AttachmentReference] = []
        for index in messages.indices where messages[index].hasAttachments {
            guard case .array(let parts) = messages[index].contentParts else { continue }
            let resolved = parts.map { part -> JSONValue in
                guard ContentPart.payload(of: part) == nil else { return part }
                guard let reference = AttachmentReference(in: part) else {
                    // A damaged reference (a hand-edited file) is told like a missing attachment.
                    if let note = part[AttachmentReference.key] {
                        let name = note["name"]?.stringValue ?? "(a damaged reference)"
                        missing.append(AttachmentReference(sha256: "", name: name, mime: ""))
                    }
                    return part
                }
                guard let bytes = try? FileSystem.read(path(of: reference.sha256)),
                    SHA256.hex(bytes) == reference.sha256
                else {
                    missing.append(reference)
                    return part
                }
                let type = part["type"]?.stringValue
                let payload =
                    type == "text"
                    ? String(decoding: bytes, as: UTF8.self)
                    : ContentPart.dataURL(mime: reference.mime, base64: Data(bytes).base64EncodedString())
                return ContentPart.settingPayload(payload, in: part)
            }
            messages[index] = messages[index].replacingParts(resolved)
        }
        let loaded = Conversation(
            settings: conversation.settings, messages: messages, info: conversation.info,
            created: conversation.created, title: conversation.title)
        return (loaded, missing)
    }

    /// One line about attachments a resumed session refers to that are not in the store.
    public func missingNotice(_ missing: [AttachmentReference]) -> String? {
        guard !missing.isEmpty else { return nil }
        let names = missing.map(\.name).joined(separator: ", ")
        let count = missing.count == 1 ? "an attachment" : "\(missing.count) attachments"
        return "note: this session refers to \(count) not found (or damaged) in \(directory): \(names); "
            + "the conversation is loaded without \(missing.count == 1 ? "it" : "them")"
    }

    /// Writes bytes under their name unless they are there already.
    private func write(_ bytes: [UInt8], as sha256: String) throws(ParleyError) {
        let path = path(of: sha256)
        // Already there: touched, so a sweep running now leaves it to the session about to name it.
        if FileSystem.exists(path), utimes(path, nil) == 0 { return }
        if !FileSystem.exists(directory) { try FileSystem.makeDirectories(directory) }
        try FileSystem.writeAtomically(bytes, to: path)
    }

    /// The bytes a payload stands for: a text part's UTF-8, a `data:` URL's decoded base64.
    static func bytes(ofPayload payload: String, type: String?) -> [UInt8]? {
        if type == "text" { return Array(payload.utf8) }
        guard payload.hasPrefix("data:"), let comma = payload.firstIndex(of: ","),
            payload[..<comma].hasSuffix(";base64"),
            let data = Data(base64Encoded: String(payload[payload.index(after: comma)...]))
        else { return nil }
        return Array(data)
    }
}
