/// Lexes one line of a language described by a `HighlightLanguage` table.
///
/// Comments, strings, numbers and words come from the table, with each dialect's special rules
/// (in `HighlightCodeLexer+Dialects.swift`) on top. One pass, left to right; no scan is retried,
/// so the cost is linear in the line's length.
struct HighlightCodeLexer: HighlightLexer {
    let language: HighlightLanguage
    let text: UnsafeBufferPointer<UInt8>
    var output: HighlightOutput
    var state: HighlightState
    /// The next byte to read.
    var index = 0
    /// Whether a `/` here would start a JavaScript regular expression rather than divide.
    var regexAllowed = true
    /// Whether a regular expression failed to close on this line, so no later `/` tries again.
    var regexFailed = false

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState) {
        self.language = language
        self.text = text
        self.state = state
        output = HighlightOutput(text: text)
    }

    mutating func run() {
        if state.isFirstLine, has("#!", at: 0), peek(2) != UInt8(ascii: "[") {
            paint(0, count, .comment)
            return
        }
        resume()
        if index == 0, case .normal = state.mode { lineStart() }
        while index < count { step() }
    }

    /// Goes on with whatever the previous line left open.
    private mutating func resume() {
        switch state.mode {
        case .normal:
            return
        case .blockComment(let rule, let depth):
            let (end, left) = scanBlockComment(rule, from: 0, depth: depth)
            paint(0, end, .comment)
            index = end
            state.mode = left > 0 ? .blockComment(rule: rule, depth: left) : .normal
        case .string(let rule):
            guard rule < language.strings.count else {
                state.mode = .normal
                return
            }
            let (end, closed) = scanString(language.strings[rule], from: 0)
            paint(0, end, language.strings[rule].style)
            index = end
            if closed { state.mode = .normal }
        case .literal(let terminator, let style):
            let (end, closed) = scanLiteral(terminator, from: 0)
            paint(0, end, style)
            index = end
            if closed { state.mode = .normal }
        case .yamlBlock(let indent):
            resumeYAMLBlock(indent: indent)
        default:
            state.mode = .normal
        }
    }

    private mutating func step() {
        let byte = text[index]
        if HighlightByte.isBlank(byte) {
            index += 1
            return
        }
        if language.opens(byte), openCommentOrString() { return }
        if HighlightByte.isDigit(byte) || (byte == UInt8(ascii: ".") && startsFraction()) {
            number()
            return
        }
        if HighlightByte.isIdentifierStart(byte) || (byte == UInt8(ascii: "$") && language.dollarIdentifiers) {
            word()
            return
        }
        if dialectPunctuation(byte) { return }
        index += 1
        regexAllowed = byte != UInt8(ascii: ")") && byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}")
    }

    // MARK: - Comments and strings

    private mutating func openCommentOrString() -> Bool {
        for marker in language.lineComments where has(marker, at: index) {
            if language.commentsNeedBlank, index > 0, !HighlightByte.isBlank(text[index - 1]) { continue }
            paint(index, count, .comment)
            index = count
            return true
        }
        for (rule, comment) in language.blockComments.enumerated() where has(comment.open, at: index) {
            let (end, depth) = scanBlockComment(rule, from: index + comment.open.count, depth: 1)
            paint(index, end, .comment)
            if depth > 0 { state.mode = .blockComment(rule: rule, depth: depth) }
            index = end
            return true
        }
        return openString(at: index, paintingFrom: index)
    }

    /// Opens the string whose delimiter is at `start`; the paint starts at `paintStart` to take in a prefix.
    mutating func openString(at start: Int, paintingFrom paintStart: Int) -> Bool {
        if language.dialect == .yaml, !yamlScalarStarts(at: start) { return false }
        for (number, rule) in language.strings.enumerated() where has(rule.open, at: start) {
            let (end, closed) = scanString(rule, from: start + rule.open.count)
            var style = rule.style
            if closed, language.dialect == .json, peek(skipBlanks(from: end)) == UInt8(ascii: ":") { style = .key }
            paint(paintStart, end, style)
            if !closed, rule.multiline { state.mode = .string(rule: number) }
            index = end
            regexAllowed = false
            return true
        }
        return false
    }

    /// Opens a literal that ends at the first `terminator` (no escapes), its body starting at `bodyStart`.
    mutating func openLiteral(
        _ terminator: [UInt8], bodyStart: Int, paintingFrom paintStart: Int, multiline: Bool
    ) -> Bool {
        let (end, closed) = scanLiteral(terminator, from: bodyStart)
        paint(paintStart, end, .string)
        if !closed, multiline { state.mode = .literal(terminator: terminator, style: .string) }
        index = end
        regexAllowed = false
        return true
    }

    /// Where a block comment that is `depth` deep at `start` ends, and how deep it still is there.
    func scanBlockComment(_ rule: Int, from start: Int, depth: Int) -> (end: Int, depth: Int) {
        guard rule >= 0, rule < language.blockComments.count else { return (count, 0) }
        let comment = language.blockComments[rule]
        var depth = depth
        var position = start
        while position < count {
            if has(comment.close, at: position) {
                position += comment.close.count
                depth -= 1
                if depth <= 0 { return (position, 0) }
            } else if comment.nests, has(comment.open, at: position) {
                position += comment.open.count
                depth += 1
            } else {
                position += 1
            }
        }
        return (count, depth)
    }

    /// Where a string of this kind whose body starts at `start` ends, and whether it was closed.
    func scanString(_ rule: HighlightLanguage.StringRule, from start: Int) -> (end: Int, closed: Bool) {
        guard let first = rule.close.first else { return (start, true) }
        var position = start
        while position < count {
            let byte = text[position]
            if byte == UInt8(ascii: "\\"), rule.escape == .backslash {
                if rule.interpolates, peek(position + 1) == UInt8(ascii: "(") {
                    position = interpolationEnd(from: position + 2)
                } else {
                    position += 2
                }
                continue
            }
            if byte == first, has(rule.close, at: position) {
                position += rule.close.count
                if rule.escape == .doubled, has(rule.close, at: position) {
                    position += rule.close.count
                    continue
                }
                return (position, true)
            }
            position += 1
        }
        return (count, false)
    }

    /// The end of a `\(…)` interpolation whose inside starts at `start`.
    private func interpolationEnd(from start: Int) -> Int {
        var depth = 1
        var position = start
        while position < count {
            switch text[position] {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return position + 1 }
            default: break
            }
            position += 1
        }
        return count
    }

    // MARK: - Numbers and words

    /// Whether the `.` at `index` starts a number like `.5` (and not a member like `x.0` or a range).
    private func startsFraction() -> Bool {
        let previous = peek(index - 1)
        return HighlightByte.isDigit(peek(index + 1)) && !HighlightByte.isIdentifier(previous)
            && previous != UInt8(ascii: ")") && previous != UInt8(ascii: "]") && previous != UInt8(ascii: ".")
    }

    private mutating func number() {
        let start = index
        let hex = text[start] == UInt8(ascii: "0") && peek(start + 1) | 0x20 == UInt8(ascii: "x")
        var seenDot = text[start] == UInt8(ascii: ".")
        var position = start + 1
        while position < count {
            let byte = text[position]
            let next = peek(position + 1)
            if HighlightByte.isWord(byte) {
                position += 1
            } else if byte == UInt8(ascii: "."), !seenDot, !hex, HighlightByte.isDigit(next) {
                seenDot = true
                position += 1
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"), !hex,
                text[position - 1] | 0x20 == UInt8(ascii: "e"), HighlightByte.isDigit(next)
            {
                position += 1
            } else if byte == UInt8(ascii: "'"), language.dialect == .cFamily, HighlightByte.isHexDigit(next) {
                position += 1  // a C++14 digit separator
            } else if language.dialect == .toml, byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":"),
                HighlightByte.isDigit(next)
            {
                position += 1  // a date or a time
            } else {
                break
            }
        }
        index = position
        regexAllowed = false
        if language.dialect == .yaml, !yamlScalarStandsAlone(start, position) { return }
        paint(start, position, .number)
    }

    private mutating func word() {
        let start = index
        var end = start + 1
        while end < count {
            let byte = text[end]
            guard
                HighlightByte.isIdentifier(byte) || (byte == UInt8(ascii: "$") && language.dollarIdentifiers)
                    || (byte == UInt8(ascii: "-") && language.dialect == .toml)
            else { break }
            end += 1
        }
        index = end
        let next = peek(end)
        if next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") || next == UInt8(ascii: "#"),
            prefixedString(start, end)
        {
            return
        }
        if language.dialect == .rust, next == UInt8(ascii: "!"), peek(end + 1) != UInt8(ascii: "=") {
            paint(start, end + 1, .function)  // a macro call
            index = end + 1
            return
        }
        let isMember = peek(start - 1) == UInt8(ascii: ".") && peek(start - 2) != UInt8(ascii: ".")
        var style = isMember ? nil : language.words.style(in: text, from: start, to: end)
        if style != nil, language.dialect == .yaml, !yamlScalarStandsAlone(start, end) { style = nil }
        if style == nil { style = inferredStyle(start, end) }
        regexAllowed = style == .keyword
        if let style { paint(start, end, style) }
    }

    /// The style of an identifier that is not in the word list: a key, a type name, a called function.
    private func inferredStyle(_ start: Int, _ end: Int) -> HighlightStyle? {
        switch language.dialect {
        case .json:
            if peek(skipBlanks(from: end)) == UInt8(ascii: ":") { return .key }
        case .toml:
            let after = skipBlanks(from: end)
            if peek(after) == UInt8(ascii: "="), peek(after + 1) != UInt8(ascii: "=") { return .key }
        default:
            break
        }
        if language.capitalizedTypes, HighlightByte.isUppercase(text[start]) {
            for position in start + 1..<end where HighlightByte.isLowercase(text[position]) { return .type }
        }
        if language.functionCalls, peek(end) == UInt8(ascii: "(") { return .function }
        return nil
    }
}
