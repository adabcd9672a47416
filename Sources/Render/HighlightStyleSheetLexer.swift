/// Lexes one line of CSS, SCSS or Less.
///
/// Outside braces (and for a nested rule whose `{` comes before any `;`) words are selectors:
/// element names, `.class`, `#id`, `:pseudo`. Inside braces they are declarations: `property:`
/// as a key, then values with numbers, units and colours.
struct HighlightStyleSheetLexer: HighlightLexer {
    private enum Context {
        case selector, declaration, atRule
    }

    let language: HighlightLanguage
    let text: UnsafeBufferPointer<UInt8>
    var output: HighlightOutput
    var state: HighlightState
    private var index = 0
    private var context = Context.selector

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState) {
        self.language = language
        self.text = text
        self.state = state
        output = HighlightOutput(text: text)
    }

    mutating func run() {
        if case .blockComment = state.mode {
            state.mode = .normal
            blockComment(from: 0, paintingFrom: 0)
        } else if case .normal = state.mode {
        } else {
            state.mode = .normal
        }
        context = statementContext(from: index)
        while index < count { step() }
    }

    /// Whether the statement from `start` on is a selector: outside braces, or with a `{` before any `;`.
    private func statementContext(from start: Int) -> Context {
        if state.nesting == 0 { return .selector }
        var position = start
        while position < count {
            switch text[position] {
            case UInt8(ascii: "{"): return .selector
            case UInt8(ascii: ";"), UInt8(ascii: "}"): return .declaration
            default: position += 1
            }
        }
        return .declaration
    }

    private mutating func step() {
        let byte = text[index]
        let next = peek(index + 1)
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            index += 1
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            blockComment(from: index + 2, paintingFrom: index)
        case UInt8(ascii: "/") where next == UInt8(ascii: "/") && language.dialect == .scss:
            paint(index, count, .comment)
            index = count
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            var close = index + 1
            while close < count, text[close] != byte {
                close += text[close] == UInt8(ascii: "\\") ? 2 : 1
            }
            let end = min(close + 1, count)
            paint(index, end, .string)
            index = end
        case UInt8(ascii: "{"):
            state.nesting += 1
            index += 1
            context = statementContext(from: index)
        case UInt8(ascii: "}"):
            state.nesting = max(0, state.nesting - 1)
            index += 1
            context = statementContext(from: index)
        case UInt8(ascii: ";"):
            index += 1
            context = statementContext(from: index)
        case UInt8(ascii: "@") where isNameStart(next):
            let end = nameEnd(from: index + 1)
            paint(index, end, .keyword)
            index = end
            context = .atRule
        case UInt8(ascii: "$") where isNameStart(next):
            let end = nameEnd(from: index + 1)
            paint(index, end, .variable)
            index = end
        case UInt8(ascii: "#"):
            hashSign()
        case UInt8(ascii: ".") where context == .selector && isNameStart(next):
            let end = nameEnd(from: index + 1)
            paint(index, end, .selector)
            index = end
        case UInt8(ascii: ":") where context == .selector:
            let nameStart = next == UInt8(ascii: ":") ? index + 2 : index + 1
            let end = nameEnd(from: nameStart)
            paint(index, end, end > nameStart ? .keyword : .plain)
            index = max(end, index + 1)
        case UInt8(ascii: "[") where context == .selector:
            let nameStart = skipBlanks(from: index + 1)
            let end = nameEnd(from: nameStart)
            paint(nameStart, end, .attribute)
            index = max(end, index + 1)
        case UInt8(ascii: "!") where has("important", at: skipBlanks(from: index + 1), ignoringCase: true):
            let end = skipBlanks(from: index + 1) + 9
            paint(index, end, .keyword)
            index = end
        default:
            if startsNumber(byte, next) {
                number()
            } else if isNameStart(byte) || (byte == UInt8(ascii: "-") && (isNameStart(next) || next == byte)) {
                name()
            } else {
                index += 1
            }
        }
    }

    private func isNameStart(_ byte: UInt8) -> Bool { HighlightByte.isIdentifierStart(byte) }

    private func nameEnd(from start: Int) -> Int {
        var end = start
        while end < count, HighlightByte.isIdentifier(text[end]) || text[end] == UInt8(ascii: "-") { end += 1 }
        return end
    }

    private func startsNumber(_ byte: UInt8, _ next: UInt8) -> Bool {
        if HighlightByte.isDigit(byte) { return true }
        guard byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") else { return false }
        let previous = peek(index - 1)
        return
            (HighlightByte.isDigit(next)
            || (next == UInt8(ascii: ".") && byte != UInt8(ascii: ".") && HighlightByte.isDigit(peek(index + 2))))
            && !HighlightByte.isIdentifier(previous) && previous != UInt8(ascii: "-")
    }

    /// `12px`, `-1.5em`, `50%`, `1e3`.
    private mutating func number() {
        var end = index + 1
        while end < count {
            let byte = text[end]
            if HighlightByte.isWord(byte) || byte == UInt8(ascii: "%")
                || (byte == UInt8(ascii: ".") && HighlightByte.isDigit(peek(end + 1)))
            {
                end += 1
            } else {
                break
            }
        }
        paint(index, end, .number)
        index = end
    }

    /// `#id` in a selector, `#fff` in a value.
    private mutating func hashSign() {
        let end = nameEnd(from: index + 1)
        guard end > index + 1 else {
            index += 1
            return
        }
        paint(index, end, context == .selector ? .selector : .number)
        index = end
    }

    /// An element name in a selector; a property, a function or a plain word in a declaration.
    private mutating func name() {
        let start = index
        let end = nameEnd(from: start + 1)
        index = end
        if context == .selector {
            paint(start, end, .tag)
            return
        }
        if peek(skipBlanks(from: end)) == UInt8(ascii: ":") {
            paint(start, end, .key)
            return
        }
        guard peek(end) == UInt8(ascii: "(") else { return }
        paint(start, end, .function)
        guard spells("url", from: start, to: end, ignoringCase: true) else { return }
        let open = skipBlanks(from: end + 1)
        guard open < count, text[open] != UInt8(ascii: "\""), text[open] != UInt8(ascii: "'") else { return }
        var close = open
        while close < count, text[close] != UInt8(ascii: ")") { close += 1 }
        paint(open, close, .string)
        index = close
    }

    private mutating func blockComment(from start: Int, paintingFrom paintStart: Int) {
        let (end, closed) = scanLiteral(Array("*/".utf8), from: start)
        paint(paintStart, end, .comment)
        if !closed { state.mode = .blockComment(rule: 0, depth: 1) }
        index = end
    }
}
