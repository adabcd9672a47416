/// The coloured copy of one line: the line's own bytes, with SGR sequences between styled spans.
///
/// Spans are painted left to right; bytes never painted go out plain, bytes already written are
/// never written again, and a span edge never splits a UTF-8 character. So whatever a lexer asks
/// for, removing the SGR sequences gives back the line exactly.
struct HighlightOutput {
    private let text: UnsafeBufferPointer<UInt8>
    private var bytes: [UInt8] = []
    private var written = 0
    private var active = HighlightStyle.plain

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        bytes.reserveCapacity(text.count + 64)
    }

    /// Writes `text[start..<end]` in `style`, after writing plain whatever lies unwritten before `start`.
    mutating func paint(_ start: Int, _ end: Int, _ style: HighlightStyle) {
        let start = boundary(start)
        let end = boundary(end)
        if start > written { write(upTo: start, in: .plain) }
        if end > written { write(upTo: end, in: style) }
    }

    /// The finished line: the rest of the text plain, then a reset if a colour is still on.
    mutating func finish() -> [UInt8] {
        if written < text.count { write(upTo: text.count, in: .plain) }
        if active != .plain { switchStyle(to: .plain) }
        return bytes
    }

    /// `index` clamped to the line and moved forward off any UTF-8 continuation byte.
    private func boundary(_ index: Int) -> Int {
        var index = min(max(index, 0), text.count)
        while index < text.count, text[index] & 0xC0 == 0x80 { index += 1 }
        return index
    }

    private mutating func write(upTo end: Int, in style: HighlightStyle) {
        // A plain run of blanks keeps the current colour: it looks the same and saves two sequences.
        if style != active, style != .plain || !isBlank(upTo: end) { switchStyle(to: style) }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[written..<end]))
        written = end
    }

    private func isBlank(upTo end: Int) -> Bool {
        for index in written..<end where text[index] != 0x20 && text[index] != 0x09 { return false }
        return true
    }

    private mutating func switchStyle(to style: HighlightStyle) {
        bytes.append(0x1B)
        bytes.append(UInt8(ascii: "["))
        if style != .plain, active != .plain {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: ";"))
        }
        style.parameters.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "m"))
        active = style
    }
}
