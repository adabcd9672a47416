import ChatClient

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Turns what follows `-a` or `/attach` (a path, a directory, a glob, a URL, or `-` for
/// stdin) into content parts, deciding by each file's first bytes, never by its name.
/// Everything is read and checked here, before anything is sent.
public struct AttachmentLoader: Sendable {
    public var settings: AttachmentSettings
    public var server: AttachmentServer
    /// Extracts a PDF's text for servers that take no PDF; nil when none is available.
    public var pdfText: (any PDFTextExtracting)?
    /// A transport for downloading URLs the server will not fetch; nil: no downloads.
    public var makeTransport: (@Sendable () -> any HTTPTransport)?
    /// The home directory, for `~/` in `/attach` (the shell expands it on the command line).
    public var home: String?

    public init(
        settings: AttachmentSettings, server: AttachmentServer, pdfText: (any PDFTextExtracting)? = nil,
        makeTransport: (@Sendable () -> any HTTPTransport)? = nil, home: String? = nil
    ) {
        self.home = home
        self.settings = settings
        self.server = server
        self.pdfText = pdfText
        self.makeTransport = makeTransport
    }

    /// The attachments one argument names. `stdin` is what `-` reads (nil: not available).
    public func load(_ argument: String, stdin: [UInt8]? = nil) async throws(AttachmentError) -> AttachmentBatch {
        if argument == "-" {
            guard let stdin else {
                throw AttachmentError("-", "stdin is not available here", advice: "give a file's path instead")
            }
            return try batch(bytes: stdin, name: "stdin", fileName: "stdin")
        }
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") { return try await url(argument) }
        if argument.isEmpty { throw AttachmentError("\"\"", "an empty path") }
        let path = expandingTilde(argument)
        switch AttachmentFiles.entry(path) {
        case .file:
            let bytes = try AttachmentFiles.read(path, name: argument, limit: settings.maxFileBytes)
            return try batch(bytes: bytes, name: argument, fileName: Self.fileName(argument))
        case .directory:
            let (files, exhausted) = AttachmentFiles.walk(path)
            return try expand(argument, files: files, exhausted: exhausted, textOnly: true)
        case .other:
            throw AttachmentError(argument, "not a regular file (a device, pipe or socket)")
        case .unusable(let reason):
            if AttachmentFiles.isPattern(argument) {
                let (files, exhausted) = AttachmentFiles.glob(path)
                return try expand(argument, files: files, exhausted: exhausted, textOnly: false)
            }
            throw AttachmentError(argument, reason)
        }
    }

    // MARK: - One file

    /// The attachment of one file's bytes, by their kind.
    func batch(bytes: [UInt8], name: String, fileName: String) throws(AttachmentError) -> AttachmentBatch {
        let kind = FileKind(sniffing: bytes)
        switch kind {
        case .png, .jpeg, .gif, .webp:
            return AttachmentBatch(attachments: [image(bytes, kind: kind, name: name)])
        case .pdf:
            return try pdf(bytes, name: name, fileName: fileName)
        case .text:
            return AttachmentBatch(attachments: [text(String(decoding: bytes, as: UTF8.self), name: name)])
        case .binary:
            throw AttachmentError(
                name, "not an image (PNG, JPEG, GIF, WebP), a PDF or UTF-8 text, the kinds Parley can attach")
        }
    }

    func image(_ bytes: [UInt8], kind: FileKind, name: String) -> Attachment {
        let url = ContentPart.dataURL(mime: kind.mime, base64: Data(bytes).base64EncodedString())
        let reference = AttachmentReference(sha256: SHA256.hex(bytes), name: name, mime: kind.mime)
        let part = ContentPart.image(url: url, detail: settings.imageDetail?.rawValue)
        return Attachment(
            name: name, part: ContentPart.noting(reference, in: part),
            summary: "\(kind.label), \(Attachment.size(bytes.count))")
    }

    func text(_ content: String, name: String, note: String? = nil, language: String? = nil) -> Attachment {
        let rendered = TextAttachment.render(content, path: name, note: note, language: language)
        let bytes = Array(rendered.utf8)
        let reference = AttachmentReference(sha256: SHA256.hex(bytes), name: name, mime: "text/plain")
        return Attachment(
            name: name, part: ContentPart.noting(reference, in: ContentPart.text(rendered)),
            summary: (note ?? "text") + ", \(Attachment.size(content.utf8.count))")
    }

    /// A `file` part for servers that take PDF; its text (pdftotext) for the others.
    func pdf(_ bytes: [UInt8], name: String, fileName: String) throws(AttachmentError) -> AttachmentBatch {
        if server.takesFileParts {
            let url = ContentPart.dataURL(mime: FileKind.pdf.mime, base64: Data(bytes).base64EncodedString())
            let reference = AttachmentReference(sha256: SHA256.hex(bytes), name: name, mime: FileKind.pdf.mime)
            let part = ContentPart.noting(reference, in: ContentPart.file(name: fileName, dataURL: url))
            return AttachmentBatch(
                attachments: [Attachment(name: name, part: part, summary: "PDF, \(Attachment.size(bytes.count))")])
        }
        guard let extracted = try pdfText?.text(ofPDF: bytes, name: name) else {
            throw AttachmentError(
                name,
                "\(server.host) takes no PDF files (OpenAI and OpenRouter do), and pdftotext is not installed "
                    + "to send the PDF's text instead",
                advice: "install pdftotext (Debian/Ubuntu: apt install poppler-utils), or attach the text")
        }
        return AttachmentBatch(
            attachments: [text(extracted, name: name, note: "text of the PDF, by pdftotext", language: "")],
            notes: ["note: \(server.host) takes no PDF files: the text of \(name) is sent instead (pdftotext)"])
    }

    // MARK: - Names

    /// The last component of a path or URL.
    static func fileName(_ path: String) -> String {
        let trimmed = path.split(separator: "?").first.map(String.init) ?? path
        return trimmed.split(separator: "/").last.map(String.init) ?? path
    }

    private func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home, !home.isEmpty else { return path }
        return home + path.dropFirst()
    }
}
