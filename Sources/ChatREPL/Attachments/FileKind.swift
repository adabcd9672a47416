/// What a file is, told by its first bytes and never by its name: the kinds Parley can
/// attach, and `.binary` for everything else.
public enum FileKind: String, Sendable, Equatable {
    case png
    case jpeg
    case gif
    case webp
    case pdf
    /// UTF-8 text (ASCII included), without NUL bytes.
    case text
    /// Anything else: not attachable.
    case binary

    /// Reads the kind from the bytes.
    public init(sniffing bytes: some Collection<UInt8>) {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            head.count >= offset + magic.count && Array(head[offset..<offset + magic.count]) == magic
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if starts([0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) {
            self = .gif
        } else if starts(Array("RIFF".utf8)), starts(Array("WEBP".utf8), at: 8) {
            self = .webp
        } else if Self.isPDF(bytes) {
            self = .pdf
        } else if Self.isText(bytes) {
            self = .text
        } else {
            self = .binary
        }
    }

    /// `%PDF-` at the start, or within the first KB as readers allow.
    private static func isPDF(_ bytes: some Collection<UInt8>) -> Bool {
        let marker = Array("%PDF-".utf8)
        let head = Array(bytes.prefix(1024))
        guard head.count >= marker.count else { return false }
        return (0...(head.count - marker.count)).contains { Array(head[$0..<$0 + marker.count]) == marker }
    }

    /// Valid UTF-8 (a BOM allowed), no NUL, and few control characters other than tab,
    /// newline, carriage return and form feed.
    private static func isText(_ bytes: some Collection<UInt8>) -> Bool {
        if bytes.contains(0) { return false }
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        let controls = bytes.lazy.filter { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C }.count
        return controls * 100 <= max(bytes.count, 1)
    }

    public var isImage: Bool { [.png, .jpeg, .gif, .webp].contains(self) }

    /// The media type sent in a `data:` URL.
    public var mime: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .pdf: "application/pdf"
        case .text: "text/plain"
        case .binary: "application/octet-stream"
        }
    }

    /// How a listing names it.
    public var label: String {
        switch self {
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .gif: "GIF image"
        case .webp: "WebP image"
        case .pdf: "PDF"
        case .text: "text"
        case .binary: "binary"
        }
    }
}
