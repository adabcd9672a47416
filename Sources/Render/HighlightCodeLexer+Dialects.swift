/// The special rules of single dialects.
///
/// C preprocessor lines, Rust and C++ raw strings, Rust lifetimes and attributes, Swift raw
/// strings and directives, JavaScript regular expressions, SQL parameters and dollar quotes,
/// TOML tables and keys, YAML keys, block scalars and anchors.
extension HighlightCodeLexer {
    /// Rules that look at the start of a line not inside anything.
    mutating func lineStart() {
        switch language.dialect {
        case .cFamily: preprocessorLine()
        case .toml where state.nesting == 0: tomlLineStart()
        case .yaml: yamlLineStart()
        default: break
        }
    }

    /// Punctuation with a meaning in this dialect; false leaves the byte to be skipped as plain.
    mutating func dialectPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "@") where language.annotations:
            guard HighlightByte.isIdentifierStart(peek(index + 1)) else { return false }
            let end = identifierEnd(from: index + 1)
            paint(index, end, language.dialect == .sql ? .variable : .meta)
            index = end
            regexAllowed = false
            return true
        case UInt8(ascii: "#"):
            return hashSign()
        case UInt8(ascii: "'") where language.dialect == .rust:
            rustQuote(at: index, paintingFrom: index)
            return true
        case UInt8(ascii: "/") where language.dialect == .javascript && regexAllowed && !regexFailed:
            return regularExpression()
        case UInt8(ascii: "$") where language.dialect == .sql:
            return sqlDollar()
        case UInt8(ascii: ":") where language.dialect == .sql:
            let next = peek(index + 1)
            guard peek(index - 1) != UInt8(ascii: ":"), HighlightByte.isLetter(next) || next == UInt8(ascii: "_")
            else { return false }
            let end = identifierEnd(from: index + 1)
            paint(index, end, .variable)
            index = end
            return true
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
            return language.dialect == .yaml && yamlSigil()
        case UInt8(ascii: "~") where language.dialect == .yaml:
            guard yamlScalarStandsAlone(index, index + 1) else { return false }
            paint(index, index + 1, .constant)
            index += 1
            return true
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            if language.dialect == .toml { state.nesting += 1 }
            return false
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            if language.dialect == .toml { state.nesting = max(0, state.nesting - 1) }
            return false
        default:
            return false
        }
    }

    /// A string with a prefix (`f"…"`, `b'x'`, `r#"…"#`, `u8"…"`, `R"x(…)x"`) whose prefix is `text[start..<end]`.
    mutating func prefixedString(_ start: Int, _ end: Int) -> Bool {
        let quote = text[end]
        switch language.dialect {
        case .python:
            guard quote != UInt8(ascii: "#"), end - start <= 2 else { return false }
            for position in start..<end {
                switch HighlightByte.folded(text[position]) {
                case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "u"), UInt8(ascii: "t"):
                    continue
                default:
                    return false
                }
            }
            return openString(at: end, paintingFrom: start)
        case .rust:
            if spells("r", from: start, to: end) || spells("br", from: start, to: end)
                || spells("cr", from: start, to: end)
            {
                var quoteAt = end
                while peek(quoteAt) == UInt8(ascii: "#") { quoteAt += 1 }
                guard peek(quoteAt) == UInt8(ascii: "\"") else { return false }
                let terminator = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "#"), count: quoteAt - end)
                return openLiteral(terminator, bodyStart: quoteAt + 1, paintingFrom: start, multiline: true)
            }
            if spells("b", from: start, to: end) || spells("c", from: start, to: end) {
                if quote == UInt8(ascii: "\"") { return openString(at: end, paintingFrom: start) }
                if quote == UInt8(ascii: "'") {
                    rustQuote(at: end, paintingFrom: start)
                    return true
                }
            }
            return false
        case .cFamily:
            guard quote != UInt8(ascii: "#") else { return false }
            let raw = ["R", "LR", "uR", "UR", "u8R"] as [StaticString]
            if quote == UInt8(ascii: "\""), raw.contains(where: { spells($0, from: start, to: end) }) {
                return cppRawString(quoteAt: end, paintingFrom: start)
            }
            let prefixes = ["L", "u", "U", "u8"] as [StaticString]
            guard prefixes.contains(where: { spells($0, from: start, to: end) }) else { return false }
            return openString(at: end, paintingFrom: start)
        default:
            return false
        }
    }

    // MARK: - C family

    /// `#include <stdio.h>`, `#define X`: the directive as meta, an angled file name as a string.
    private mutating func preprocessorLine() {
        let hash = skipBlanks(from: 0)
        guard peek(hash) == UInt8(ascii: "#") else { return }
        let name = skipBlanks(from: hash + 1)
        let end = identifierEnd(from: name)
        guard end > name else { return }
        paint(hash, end, .meta)
        index = end
        guard spells("include", from: name, to: end) || spells("import", from: name, to: end) else { return }
        let open = skipBlanks(from: end)
        guard peek(open) == UInt8(ascii: "<") else { return }
        var close = open + 1
        while close < count, text[close] != UInt8(ascii: ">") { close += 1 }
        guard close < count else { return }
        paint(open, close + 1, .string)
        index = close + 1
    }

    /// `R"delim(…)delim"`, whose opening quote is at `quoteAt`.
    private mutating func cppRawString(quoteAt: Int, paintingFrom start: Int) -> Bool {
        var open = quoteAt + 1
        while open < count, open - quoteAt <= 17, text[open] != UInt8(ascii: "(") {
            switch text[open] {
            case UInt8(ascii: " "), UInt8(ascii: "\\"), UInt8(ascii: ")"), UInt8(ascii: "\""), UInt8(ascii: "\t"):
                return false
            default:
                open += 1
            }
        }
        guard peek(open) == UInt8(ascii: "(") else { return false }
        let terminator = [UInt8(ascii: ")")] + bytes(from: quoteAt + 1, to: open) + [UInt8(ascii: "\"")]
        return openLiteral(terminator, bodyStart: open + 1, paintingFrom: start, multiline: true)
    }

    // MARK: - Rust and Swift

    /// `#[attr]`, `#![attr]` in Rust; `#"raw"#`, `#if` in Swift.
    private mutating func hashSign() -> Bool {
        switch language.dialect {
        case .rust:
            var open = index + 1
            if peek(open) == UInt8(ascii: "!") { open += 1 }
            guard peek(open) == UInt8(ascii: "[") else { return false }
            var depth = 0
            var end = open
            scan: while end < count {
                switch text[end] {
                case UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        end += 1
                        break scan
                    }
                default: break
                }
                end += 1
            }
            paint(index, end, .meta)
            index = end
            return true
        case .swift:
            var quoteAt = index
            while peek(quoteAt) == UInt8(ascii: "#") { quoteAt += 1 }
            if peek(quoteAt) == UInt8(ascii: "\"") {
                let multiline = has("\"\"\"", at: quoteAt)
                let quotes = Array(repeating: UInt8(ascii: "\""), count: multiline ? 3 : 1)
                let terminator = quotes + Array(repeating: UInt8(ascii: "#"), count: quoteAt - index)
                return openLiteral(
                    terminator, bodyStart: quoteAt + quotes.count, paintingFrom: index, multiline: multiline)
            }
            guard quoteAt == index + 1, HighlightByte.isIdentifierStart(peek(quoteAt)) else {
                index = quoteAt  // a run of hashes that opens nothing: skipped at once, not once per hash
                return true
            }
            let end = identifierEnd(from: quoteAt)
            paint(index, end, .meta)
            index = end
            return true
        default:
            return false
        }
    }

    /// A Rust `'`: a character literal (`'x'`, `'\n'`, `'é'`) or a lifetime (`'a`).
    private mutating func rustQuote(at quote: Int, paintingFrom start: Int) {
        let next = peek(quote + 1)
        if next == UInt8(ascii: "\\") {
            // The longest escape is `\u{10FFFF}`, so the closing quote is near or absent.
            var close = quote + 3
            while close < min(count, quote + 12), text[close] != UInt8(ascii: "'") { close += 1 }
            if close < count, text[close] == UInt8(ascii: "'") {
                paint(start, close + 1, .string)
                index = close + 1
            } else {
                index = quote + 1
            }
            return
        }
        if next != 0, next != UInt8(ascii: "'") {
            let end = quote + 1 + HighlightByte.scalarLength(next)
            if peek(end) == UInt8(ascii: "'") {
                paint(start, end + 1, .string)
                index = end + 1
                return
            }
            if HighlightByte.isIdentifierStart(next) {
                let end = identifierEnd(from: quote + 1)
                paint(quote, end, .meta)
                index = end
                return
            }
        }
        index = quote + 1
    }

    // MARK: - JavaScript and SQL

    /// `/pattern/flags`, when the regular expression closes on this line.
    private mutating func regularExpression() -> Bool {
        var position = index + 1
        var inClass = false
        while position < count {
            let byte = text[position]
            if byte == UInt8(ascii: "\\") {
                position += 2
                continue
            }
            if byte == UInt8(ascii: "[") {
                inClass = true
            } else if byte == UInt8(ascii: "]") {
                inClass = false
            } else if byte == UInt8(ascii: "/"), !inClass {
                break
            }
            position += 1
        }
        guard position < count else {
            // Nothing closes it; looking again from a later `/` could cost the line's length each time.
            regexFailed = true
            return false
        }
        position += 1
        while HighlightByte.isLetter(peek(position)) { position += 1 }
        paint(index, position, .regex)
        index = position
        regexAllowed = false
        return true
    }

    /// `$1` parameters and `$$…$$` or `$tag$…$tag$` dollar-quoted strings.
    private mutating func sqlDollar() -> Bool {
        var end = index + 1
        if HighlightByte.isDigit(peek(end)) {
            while HighlightByte.isDigit(peek(end)) { end += 1 }
            paint(index, end, .variable)
            index = end
            return true
        }
        while HighlightByte.isWord(peek(end)) { end += 1 }
        guard peek(end) == UInt8(ascii: "$") else { return false }
        let terminator = bytes(from: index, to: end + 1)
        return openLiteral(terminator, bodyStart: end + 1, paintingFrom: index, multiline: true)
    }

    // MARK: - TOML

    /// `[table]` and `[[array]]` headers; `key`, `a.b` and `"quoted"` keys before `=`.
    private mutating func tomlLineStart() {
        let start = skipBlanks(from: 0)
        guard start < count else { return }
        if text[start] == UInt8(ascii: "[") {
            var close = start + 1
            while close < count, text[close] != UInt8(ascii: "]") {
                if text[close] == UInt8(ascii: ",") { return }
                close += 1
            }
            guard close < count else { return }
            close += 1
            if peek(close) == UInt8(ascii: "]") { close += 1 }
            paint(start, close, .heading)
            index = close
            return
        }
        var position = start
        var keyEnd = start
        while position < count {
            let byte = text[position]
            if HighlightByte.isWord(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                position += 1
                keyEnd = position
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = position + 1
                while close < count, text[close] != byte {
                    if byte == UInt8(ascii: "\""), text[close] == UInt8(ascii: "\\") { close += 1 }
                    close += 1
                }
                guard close < count else { return }
                position = close + 1
                keyEnd = position
            } else if HighlightByte.isBlank(byte) {
                position += 1
            } else {
                if byte == UInt8(ascii: "="), keyEnd > start {
                    paint(start, keyEnd, .key)
                    index = keyEnd
                }
                return
            }
        }
    }

    // MARK: - YAML

    /// Document markers, `- ` items, `key:` keys and a `|` or `>` block scalar after them.
    private mutating func yamlLineStart() {
        if has("---", at: 0) || has("...", at: 0), peek(3) == 0 || HighlightByte.isBlank(peek(3)) {
            paint(0, 3, .meta)
            index = 3
            return
        }
        var indent = 0
        while peek(indent) == UInt8(ascii: " ") { indent += 1 }
        var position = indent
        while peek(position) == UInt8(ascii: "-"), position + 1 == count || HighlightByte.isBlank(peek(position + 1)) {
            position = skipBlanks(from: position + 1)
        }
        if let (keyEnd, colon) = yamlKey(at: position) {
            paint(position, keyEnd, .key)
            position = colon + 1
        }
        let value = skipBlanks(from: position)
        if peek(value) == UInt8(ascii: "|") || peek(value) == UInt8(ascii: ">") {
            var end = value + 1
            while peek(end) == UInt8(ascii: "-") || peek(end) == UInt8(ascii: "+") || HighlightByte.isDigit(peek(end)) {
                end += 1
            }
            let after = skipBlanks(from: end)
            if after == count || (after > end && text[after] == UInt8(ascii: "#")) {
                paint(value, end, .meta)
                state.mode = .yamlBlock(indent: indent)
                position = end
            }
        }
        index = position
    }

    /// The end of a key at `start` and the index of its colon, when the line has `key: ` there.
    private func yamlKey(at start: Int) -> (end: Int, colon: Int)? {
        guard start < count else { return nil }
        let first = text[start]
        var end: Int
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            guard let rule = language.strings.first(where: { $0.open.first == first }) else { return nil }
            let (stringEnd, closed) = scanString(rule, from: start + 1)
            guard closed else { return nil }
            end = stringEnd
        } else {
            switch first {
            case UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
                UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"), UInt8(ascii: "@"),
                UInt8(ascii: "`"), UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: ":"):
                return nil
            default:
                break
            }
            end = start
            while end < count {
                let byte = text[end]
                if byte == UInt8(ascii: ":"), end + 1 == count || HighlightByte.isBlank(text[end + 1]) { break }
                if byte == UInt8(ascii: "#"), HighlightByte.isBlank(text[end - 1]) { return nil }
                end += 1
            }
            guard end < count else { return nil }
            while end > start, HighlightByte.isBlank(text[end - 1]) { end -= 1 }
        }
        let colon = skipBlanks(from: end)
        guard peek(colon) == UInt8(ascii: ":"), colon + 1 == count || HighlightByte.isBlank(peek(colon + 1)) else {
            return nil
        }
        return (end, colon)
    }

    /// Goes on with a block scalar: lines indented deeper than its parent (and blank lines) are its text.
    mutating func resumeYAMLBlock(indent: Int) {
        var position = 0
        while position < count, text[position] == UInt8(ascii: " ") { position += 1 }
        if position == count {
            index = count
            return
        }
        if position > indent {
            paint(position, count, .string)
            index = count
            return
        }
        state.mode = .normal
    }

    /// `&anchor`, `*alias`, `!tag` and `!!str` at the start of a scalar.
    private mutating func yamlSigil() -> Bool {
        guard yamlScalarStarts(at: index) else { return false }
        var end = index + 1
        while end < count {
            switch text[end] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
                break
            default:
                end += 1
                continue
            }
            break
        }
        guard end > index + 1 else { return false }
        paint(index, end, .meta)
        index = end
        return true
    }

    /// Whether a YAML scalar may start at `start`: first on the line or after a blank or a flow bracket.
    func yamlScalarStarts(at start: Int) -> Bool {
        switch peek(start - 1) {
        case 0, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","):
            true
        default:
            false
        }
    }

    /// Whether `text[start..<end]` is a whole YAML scalar (`port: 80`), not a word in plain text (`a 80 b`).
    func yamlScalarStandsAlone(_ start: Int, _ end: Int) -> Bool {
        var before = start - 1
        while before >= 0, HighlightByte.isBlank(text[before]) { before -= 1 }
        if before >= 0 {
            switch text[before] {
            case UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
                UInt8(ascii: "?"):
                break
            default:
                return false
            }
        }
        let after = skipBlanks(from: end)
        guard after < count else { return true }
        switch text[after] {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"): return true
        case UInt8(ascii: "#"): return after > end
        default: return false
        }
    }
}
