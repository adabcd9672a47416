/// Lexes one line of shell, of a console transcript or of a Dockerfile.
///
/// In a transcript, prompt lines are commands and the rest is output, left plain. A Dockerfile
/// line is an instruction, then shell words.
struct HighlightShellLexer: HighlightLexer {
    let language: HighlightLanguage
    let text: UnsafeBufferPointer<UInt8>
    var output: HighlightOutput
    var state: HighlightState
    private var index = 0
    /// Where the command text starts: after a console prompt.
    private var base = 0
    /// Whether the next word is a command name, where keywords and builtins count.
    private var commandPosition = true
    /// Whether `NAME=value` words are assignments even after the command name (`export A=1`).
    private var assignments = false
    /// Whether an `in` would belong to a `for`, `select` or `case`.
    private var expectsIn = false
    /// Whether this line is a Dockerfile `FROM`, whose `AS` is a keyword.
    private var fromInstruction = false
    /// Whether the line is a heredoc body, or ends in a comment: no backslash continuation then.
    private var endsWithoutContinuation = false
    /// The first heredoc this line opens; its body starts on the next line.
    private var heredoc: (terminator: [UInt8], stripsTabs: Bool, expands: Bool)?

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState) {
        self.language = language
        self.text = text
        self.state = state
        output = HighlightOutput(text: text)
    }

    mutating func run() {
        var continued = state.nesting == 1
        if case .normal = state.mode {} else { continued = true }
        if language.dialect == .console {
            guard consolePrompt(continued: continued) else { return }
        } else if state.isFirstLine, has("#!", at: 0) {
            paint(0, count, .comment)
            return
        }
        index = base
        if state.nesting == 1 { commandPosition = false }
        resume()
        if language.dialect == .dockerfile, !continued { instruction() }
        while index < count { step() }
        finishLine()
    }

    /// Paints a console prompt; false for an output line, which stays plain.
    private mutating func consolePrompt(continued: Bool) -> Bool {
        if continued {
            if has("> ", at: 0) {
                paint(0, 2, .prompt)
                base = 2
            }
            return true
        }
        switch peek(0) {
        case UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "%"):
            guard count == 1 || text[1] == UInt8(ascii: " ") else { return false }
            base = min(2, count)
            paint(0, base, .prompt)
            return true
        default:
            return false
        }
    }

    /// Goes on with a heredoc body or a string the previous line left open.
    private mutating func resume() {
        switch state.mode {
        case .normal:
            return
        case .heredoc(let terminator, let stripsTabs, let expands):
            endsWithoutContinuation = true
            var start = base
            if stripsTabs { while peek(start) == UInt8(ascii: "\t") { start += 1 } }
            if count - start == terminator.count, has(terminator, at: start) {
                paint(start, count, .meta)
                state.mode = .normal
            } else if expands {
                _ = expandingString(from: base, paintingFrom: base, quote: nil)
            } else {
                paint(base, count, .string)
            }
            index = count
        case .shellString(let quote):
            state.mode = .normal
            commandPosition = false
            if quote == UInt8(ascii: "'") {
                singleQuoted(from: base, paintingFrom: base)
            } else {
                doubleQuoted(from: base, paintingFrom: base)
            }
        default:
            state.mode = .normal
        }
    }

    private mutating func finishLine() {
        if let heredoc {
            state.mode = .heredoc(
                terminator: heredoc.terminator, stripsTabs: heredoc.stripsTabs, expands: heredoc.expands)
            state.nesting = 0
            return
        }
        var backslashes = 0
        while count - 1 - backslashes >= base, text[count - 1 - backslashes] == UInt8(ascii: "\\") {
            backslashes += 1
        }
        var continues = backslashes % 2 == 1 && !endsWithoutContinuation
        if case .normal = state.mode {} else { continues = false }
        state.nesting = continues ? 1 : 0
    }

    // MARK: - Tokens

    private mutating func step() {
        let byte = text[index]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"):
            index += 1
        case UInt8(ascii: "#") where startsWord(at: index):
            paint(index, count, .comment)
            index = count
            endsWithoutContinuation = true
        case UInt8(ascii: "'"):
            if startsWord(at: index) { commandPosition = false }
            singleQuoted(from: index + 1, paintingFrom: index)
        case UInt8(ascii: "\""):
            if startsWord(at: index) { commandPosition = false }
            doubleQuoted(from: index + 1, paintingFrom: index)
        case UInt8(ascii: "$"):
            dollarSign()
        case UInt8(ascii: "\\"):
            index = min(count, index + 1 + HighlightByte.scalarLength(peek(index + 1)))
        case UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "&"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "`"):
            index += 1
            commandPosition = true
            assignments = false
            expectsIn = false
        case UInt8(ascii: "<"):
            if has("<<<", at: index) {
                index += 3
            } else if has("<<", at: index) {
                hereDocument()
            } else {
                index += 1
            }
        case UInt8(ascii: ">"):
            index += 1
        default:
            word()
        }
    }

    /// Whether a word starts at `position`: first in the command text or after a blank or an operator.
    private func startsWord(at position: Int) -> Bool {
        guard position > base else { return true }
        switch text[position - 1] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "("), UInt8(ascii: ")"):
            return true
        default:
            return false
        }
    }

    /// Whether `byte` ends a plain word.
    private static func endsWord(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "`"), UInt8(ascii: "$"), UInt8(ascii: "\\"):
            true
        default:
            false
        }
    }

    private mutating func word() {
        let start = index
        var end = start + 1
        while end < count, !Self.endsWord(text[end]) { end += 1 }
        index = end
        if commandPosition || assignments, let equals = assignmentName(start, end) {
            paint(start, equals, .variable)
            return
        }
        if commandPosition, let style = language.words.style(in: text, from: start, to: end) {
            commandPosition = false
            paint(start, end, style)
            if style == .keyword {
                if spells("for", from: start, to: end) || spells("select", from: start, to: end)
                    || spells("case", from: start, to: end)
                {
                    expectsIn = true
                } else if !spells("function", from: start, to: end) {
                    commandPosition = true
                }
            } else {
                assignments = ["export", "local", "declare", "readonly", "typeset"].contains { (name: StaticString) in
                    spells(name, from: start, to: end)
                }
            }
            return
        }
        commandPosition = false
        if expectsIn, spells("in", from: start, to: end) {
            paint(start, end, .keyword)
            expectsIn = false
        } else if fromInstruction, spells("as", from: start, to: end, ignoringCase: true) {
            paint(start, end, .keyword)
        } else if (start..<end).allSatisfy({ HighlightByte.isDigit(text[$0]) }) {
            paint(start, end, .number)
        }
    }

    /// The end of `NAME` when `text[start..<end]` is `NAME=value` (or `NAME+=value`).
    private func assignmentName(_ start: Int, _ end: Int) -> Int? {
        guard HighlightByte.isLetter(text[start]) || text[start] == UInt8(ascii: "_") else { return nil }
        var position = start + 1
        while position < end, HighlightByte.isWord(text[position]) { position += 1 }
        if position < end, text[position] == UInt8(ascii: "=") { return position }
        if position + 1 < end, text[position] == UInt8(ascii: "+"), text[position + 1] == UInt8(ascii: "=") {
            return position
        }
        return nil
    }

    // MARK: - Quotes and expansions

    private mutating func singleQuoted(from start: Int, paintingFrom paintStart: Int) {
        var close = start
        while close < count, text[close] != UInt8(ascii: "'") { close += 1 }
        if close < count {
            paint(paintStart, close + 1, .string)
            index = close + 1
        } else {
            paint(paintStart, count, .string)
            index = count
            state.mode = .shellString(quote: UInt8(ascii: "'"))
        }
    }

    private mutating func doubleQuoted(from start: Int, paintingFrom paintStart: Int) {
        let (end, closed) = expandingString(from: start, paintingFrom: paintStart, quote: UInt8(ascii: "\""))
        index = end
        if !closed { state.mode = .shellString(quote: UInt8(ascii: "\"")) }
    }

    /// A string in which `$name`, `${…}` and `$(` stand out, up to `quote` or the line's end.
    private mutating func expandingString(
        from start: Int, paintingFrom paintStart: Int, quote: UInt8?
    ) -> (end: Int, closed: Bool) {
        var position = start
        var segment = paintStart
        while position < count {
            let byte = text[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if let quote, byte == quote {
                paint(segment, position + 1, .string)
                return (position + 1, true)
            }
            if byte == UInt8(ascii: "$"), let end = variableEnd(at: position) {
                paint(segment, position, .string)
                paint(position, end, .variable)
                segment = end
                position = end
                continue
            }
            position += 1
        }
        paint(segment, count, .string)
        return (count, false)
    }

    /// The end of the expansion whose `$` is at `dollar`: `$name`, `$1`, `$?`, `${…}`, `$(` or `$((`.
    private func variableEnd(at dollar: Int) -> Int? {
        let next = peek(dollar + 1)
        switch next {
        case UInt8(ascii: "{"):
            var depth = 0
            var position = dollar + 1
            while position < count {
                if text[position] == UInt8(ascii: "{") {
                    depth += 1
                } else if text[position] == UInt8(ascii: "}") {
                    depth -= 1
                    if depth == 0 { return position + 1 }
                }
                position += 1
            }
            return count
        case UInt8(ascii: "("):
            return peek(dollar + 2) == UInt8(ascii: "(") ? dollar + 3 : dollar + 2
        case UInt8(ascii: "@"), UInt8(ascii: "*"), UInt8(ascii: "#"), UInt8(ascii: "?"), UInt8(ascii: "$"),
            UInt8(ascii: "!"), UInt8(ascii: "-"):
            return dollar + 2
        default:
            if HighlightByte.isDigit(next) { return dollar + 2 }
            guard HighlightByte.isLetter(next) || next == UInt8(ascii: "_") else { return nil }
            var end = dollar + 2
            while HighlightByte.isWord(peek(end)) { end += 1 }
            return end
        }
    }

    private mutating func dollarSign() {
        if peek(index + 1) == UInt8(ascii: "'") {
            // $'…' with C escapes
            var close = index + 2
            while close < count, text[close] != UInt8(ascii: "'") {
                close += text[close] == UInt8(ascii: "\\") ? 2 : 1
            }
            let end = min(count, close + 1)
            paint(index, end, .string)
            index = end
            commandPosition = false
            return
        }
        guard let end = variableEnd(at: index) else {
            word()
            return
        }
        paint(index, end, .variable)
        if peek(index + 1) == UInt8(ascii: "(") {
            commandPosition = true
        } else if startsWord(at: index) {
            commandPosition = false
        }
        index = end
    }

    /// `<<EOF`, `<<-EOF`, `<< 'EOF'`, `<<"EOF"`, `<<\EOF`: the marker as meta; the body starts next line.
    private mutating func hereDocument() {
        let start = index
        var position = start + 2
        let stripsTabs = peek(position) == UInt8(ascii: "-")
        if stripsTabs { position += 1 }
        position = skipBlanks(from: position)
        var expands = true
        let terminator: [UInt8]
        let quote = peek(position)
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            expands = false
            var close = position + 1
            while close < count, text[close] != quote { close += 1 }
            guard close < count else {
                index = start + 2
                return
            }
            terminator = bytes(from: position + 1, to: close)
            position = close + 1
        } else {
            if quote == UInt8(ascii: "\\") {
                expands = false
                position += 1
            }
            let wordStart = position
            while position < count, !Self.endsWord(text[position]) { position += 1 }
            guard position > wordStart, !HighlightByte.isDigit(text[wordStart]) else {
                index = start + 2
                return
            }
            terminator = bytes(from: wordStart, to: position)
        }
        guard !terminator.isEmpty else {
            index = start + 2
            return
        }
        paint(start, position, .meta)
        if heredoc == nil { heredoc = (terminator, stripsTabs, expands) }
        index = position
    }

    // MARK: - Dockerfile

    /// A Dockerfile instruction first on the line: `FROM`, `RUN`, `ENV`…
    private mutating func instruction() {
        let start = skipBlanks(from: index)
        var end = start
        while HighlightByte.isLetter(peek(end)) { end += 1 }
        guard end > start, language.lineStartWords.contains(text, from: start, to: end) else { return }
        paint(start, end, .keyword)
        index = end
        fromInstruction = spells("from", from: start, to: end, ignoringCase: true)
        commandPosition = ["run", "cmd", "entrypoint"].contains { (name: StaticString) in
            spells(name, from: start, to: end, ignoringCase: true)
        }
        assignments = ["env", "arg", "label"].contains { (name: StaticString) in
            spells(name, from: start, to: end, ignoringCase: true)
        }
    }
}
