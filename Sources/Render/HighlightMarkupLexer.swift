/// Lexes one line of HTML or XML.
///
/// Tags and their brackets, attribute names and values, comments, CDATA sections, `<!…>`
/// declarations and character references. Tags, values and comments may go on over lines; the
/// text of `<script>` and `<style>` stays plain up to its closing tag.
struct HighlightMarkupLexer: HighlightLexer {
    /// An element whose content is raw text, not markup, up to its closing tag.
    enum RawElement: Sendable, Equatable {
        case script, style
    }

    let text: UnsafeBufferPointer<UInt8>
    var output: HighlightOutput
    var state: HighlightState
    private var index = 0

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState) {
        self.text = text
        self.state = state
        output = HighlightOutput(text: text)
    }

    mutating func run() {
        resume()
        while index < count {
            switch text[index] {
            case UInt8(ascii: "<"): tag()
            case UInt8(ascii: "&"): entity()
            default: index += 1
            }
        }
    }

    private mutating func resume() {
        switch state.mode {
        case .normal:
            return
        case .blockComment:
            state.mode = .normal
            comment(from: 0, paintingFrom: 0)
        case .literal(let terminator, let style):
            let (end, closed) = scanLiteral(terminator, from: 0)
            paint(0, end, style)
            index = end
            if closed { state.mode = .normal }
        case .markupDeclaration:
            state.mode = .normal
            declaration(from: 0, paintingFrom: 0)
        case .markupTag(let raw):
            state.mode = .normal
            tagBody(from: 0, raw: raw)
        case .markupValue(let quote, let raw):
            state.mode = .normal
            var close = 0
            while close < count, text[close] != quote { close += 1 }
            if close < count {
                paint(0, close + 1, .string)
                tagBody(from: close + 1, raw: raw)
            } else {
                paint(0, count, .string)
                state.mode = .markupValue(quote: quote, raw: raw)
                index = count
            }
        case .markupRaw(let element):
            state.mode = .normal
            rawText(from: 0, element)
        default:
            state.mode = .normal
        }
    }

    /// A `<`: a comment, a CDATA section, a declaration, an opening or a closing tag, or plain text.
    private mutating func tag() {
        if has("<!--", at: index) {
            comment(from: index + 4, paintingFrom: index)
            return
        }
        if has("<![CDATA[", at: index) {
            let terminator = Array("]]>".utf8)
            let (end, closed) = scanLiteral(terminator, from: index + 9)
            paint(index, end, .string)
            if !closed { state.mode = .literal(terminator: terminator, style: .string) }
            index = end
            return
        }
        let next = peek(index + 1)
        if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
            declaration(from: index + 2, paintingFrom: index)
            return
        }
        let closing = next == UInt8(ascii: "/")
        let nameStart = index + (closing ? 2 : 1)
        guard HighlightByte.isIdentifierStart(peek(nameStart)) else {
            index += 1
            return
        }
        var nameEnd = nameStart + 1
        while nameEnd < count, isNameByte(text[nameEnd]) { nameEnd += 1 }
        paint(index, nameEnd, .tag)
        var raw: RawElement?
        if !closing, spells("script", from: nameStart, to: nameEnd, ignoringCase: true) {
            raw = .script
        } else if !closing, spells("style", from: nameStart, to: nameEnd, ignoringCase: true) {
            raw = .style
        }
        tagBody(from: nameEnd, raw: raw)
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        HighlightByte.isIdentifier(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
    }

    /// Attributes up to the tag's `>`, or the line's end.
    private mutating func tagBody(from start: Int, raw: RawElement?) {
        var position = start
        var afterEquals = false
        while position < count {
            let byte = text[position]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: ">"):
                paint(position, position + 1, .tag)
                index = position + 1
                if let raw { rawText(from: index, raw) }
                return
            case UInt8(ascii: "/"), UInt8(ascii: "?"):
                if peek(position + 1) == UInt8(ascii: ">") {
                    paint(position, position + 2, .tag)
                    index = position + 2
                    return
                }
                position += 1
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                var close = position + 1
                while close < count, text[close] != byte { close += 1 }
                guard close < count else {
                    paint(position, count, .string)
                    state.mode = .markupValue(quote: byte, raw: raw)
                    index = count
                    return
                }
                paint(position, close + 1, .string)
                position = close + 1
                afterEquals = false
            case UInt8(ascii: "="):
                position += 1
                afterEquals = true
            default:
                var end = position + 1
                while end < count, !endsAttribute(text[end]) { end += 1 }
                paint(position, end, afterEquals ? .string : .attribute)
                afterEquals = false
                position = end
            }
        }
        state.mode = .markupTag(raw: raw)
        index = count
    }

    private func endsAttribute(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "="), UInt8(ascii: ">"),
            UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"):
            true
        default:
            false
        }
    }

    /// The raw text of a script or style, plain, up to its closing tag.
    private mutating func rawText(from start: Int, _ element: RawElement) {
        let closing: StaticString = element == .script ? "</script" : "</style"
        var position = start
        while position < count {
            if text[position] == UInt8(ascii: "<"), has(closing, at: position, ignoringCase: true) {
                index = position
                return
            }
            position += 1
        }
        state.mode = .markupRaw(element)
        index = count
    }

    private mutating func comment(from start: Int, paintingFrom paintStart: Int) {
        let (end, closed) = scanLiteral(Array("-->".utf8), from: start)
        paint(paintStart, end, .comment)
        if !closed { state.mode = .blockComment(rule: 0, depth: 1) }
        index = end
    }

    private mutating func declaration(from start: Int, paintingFrom paintStart: Int) {
        var close = start
        while close < count, text[close] != UInt8(ascii: ">") { close += 1 }
        if close < count {
            paint(paintStart, close + 1, .meta)
            index = close + 1
        } else {
            paint(paintStart, count, .meta)
            state.mode = .markupDeclaration
            index = count
        }
    }

    /// `&amp;`, `&#38;`, `&#x26;`.
    private mutating func entity() {
        var end = index + 1
        if peek(end) == UInt8(ascii: "#") { end += 1 }
        let nameStart = end
        while end < count, end - index < 32, HighlightByte.isWord(text[end]) { end += 1 }
        if end > nameStart, peek(end) == UInt8(ascii: ";") {
            paint(index, end + 1, .entity)
            index = end + 1
        } else {
            index += 1
        }
    }
}
