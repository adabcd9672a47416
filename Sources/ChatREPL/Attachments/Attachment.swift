import ChatClient
import Render

/// One attachment ready to go with a message: its content part (the bytes included, with
/// Parley's note of them), and what a listing says of it.
public struct Attachment: Sendable, Equatable {
    /// The path, URL or "stdin" it came from.
    public var name: String
    /// The content part as the message holds it.
    public var part: JSONValue
    /// What it is and how it goes, for `/attachments`: "PNG image, 12 KB".
    public var summary: String

    public init(name: String, part: JSONValue, summary: String) {
        self.name = name
        self.part = part
        self.summary = summary
    }

    /// The name as a terminal may show it (a file a directory or a glob brought may be named anything).
    public var displayName: String { SafeText.neutralized(name) }

    /// A size in the units a person reads: 512 B, 12 KB, 3.4 MB.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return "\((bytes + 512) / 1024) KB" }
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }
}

/// What one `-a` / `/attach` argument brought: its attachments and the notes to show (a PDF
/// sent as text, files a directory skipped).
public struct AttachmentBatch: Sendable, Equatable {
    public var attachments: [Attachment] = []
    public var notes: [String] = []

    public init(attachments: [Attachment] = [], notes: [String] = []) {
        self.attachments = attachments
        self.notes = notes
    }
}

/// Turns a PDF into text for servers that take no PDF (`pdftotext`, when installed).
public protocol PDFTextExtracting: Sendable {
    /// The PDF's text; nil when no extractor is installed. Throws the reason it failed.
    func text(ofPDF bytes: [UInt8], name: String) throws(AttachmentError) -> String?
}
