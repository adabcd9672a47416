/// One line being built: text and the escapes that style it, emitted only where the look changes.
struct StyledText: Sendable {
    /// The bytes so far, escapes included.
    private(set) var text = ""
    /// Terminal columns of the visible text so far.
    private(set) var columns = 0
    private var attributes = Attributes.plain
    private var link: String?

    /// Text from outside, neutralised here so nothing in it is ever interpreted.
    mutating func write(_ source: Substring, _ attributes: Attributes, link: String? = nil) {
        decorate(SafeText.neutralized(source), attributes, link: link)
    }

    /// Text of the renderer's own (bullets, bars, padding), or text already neutralised.
    mutating func decorate(_ safe: String, _ attributes: Attributes, link: String? = nil) {
        guard !safe.isEmpty else { return }
        if link != self.link {
            if self.link != nil { text += StyledText.linkEnd }
            if let link { text += "\u{1B}]8;;" + link + "\u{1B}\\" }
            self.link = link
        }
        text += SGR.change(from: self.attributes, to: attributes)
        self.attributes = attributes
        text += safe
        columns += DisplayWidth.columns(safe)
    }

    /// The line, with any open link closed and the look reset, so the next line starts plain.
    func finished() -> String {
        var result = text
        if link != nil { result += StyledText.linkEnd }
        if !attributes.isEmpty { result += SGR.reset }
        return result
    }

    private static let linkEnd = "\u{1B}]8;;\u{1B}\\"

    /// A URL as an OSC 8 target: every byte but printable ASCII percent-encoded, so the target can
    /// neither end the sequence early nor carry a control.
    static func hyperlinkTarget(_ url: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(url.utf8.count)
        for byte in url.utf8 {
            if byte > 0x20 && byte < 0x7F {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
