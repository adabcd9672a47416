/// One complete line outside code blocks and tables, rendered: a heading, a rule, a quote, a list
/// item or a line of a paragraph. Not hard-wrapped: the terminal wraps it and reflows it.
enum ProseLine {
    /// The styled line, without its newline.
    static func render(_ line: Substring, hyperlinks: Bool, width: Int, lists: inout ListNesting) -> String {
        var out = StyledText()
        body(line, hyperlinks: hyperlinks, width: width, lists: &lists, into: &out)
        return out.finished()
    }

    private static func body(
        _ line: Substring, hyperlinks: Bool, width: Int, lists: inout ListNesting, into out: inout StyledText
    ) {
        let indent = leadingSpaces(line)
        let rest = line.droppingBytes(indent)
        guard !isBlank(rest), let first = rest.utf8.first else {
            out.write(line, .plain)  // a blank line stays as it came
            return
        }
        if indent <= 3, let level = headingLevel(rest) {
            lists.end()
            let attributes = level == 1 ? Theme.heading1 : level == 2 ? Theme.heading2 : Theme.heading
            InlineMarkdown.render(
                headingText(rest.droppingBytes(level)), base: attributes, hyperlinks: hyperlinks, into: &out)
        } else if indent <= 3, isRule(rest) {
            lists.end()
            let length = min(max(1, width), Theme.ruleMaximum)
            out.decorate(String(repeating: Theme.ruleCharacter, count: length), Theme.frame)
        } else if indent <= 3, first == UInt8(ascii: ">") {
            lists.end()
            var inner = rest
            while inner.utf8.first == UInt8(ascii: ">") {
                out.decorate(Theme.quoteMark, Theme.quoteBar)
                inner = inner.droppingBytes(1)
                if inner.utf8.first == UInt8(ascii: " ") { inner = inner.droppingBytes(1) }
                let spaces = leadingSpaces(inner)
                if spaces <= 3, inner.droppingBytes(spaces).utf8.first == UInt8(ascii: ">") {
                    inner = inner.droppingBytes(spaces)
                }
            }
            var quoted = ListNesting()
            body(inner, hyperlinks: hyperlinks, width: width - 2, lists: &quoted, into: &out)
        } else if let item = ListItem(rest) {
            out.write(line.prefixBytes(indent), .plain)
            let depth = lists.depth(ofItemAt: indent)
            let marker = item.isOrdered ? String(item.marker) : Theme.bullets[depth % Theme.bullets.count]
            switch item.task {
            case nil:
                out.write(marker[...], Theme.marker)
                out.write(item.gap, .plain)
            case let done?:
                if item.isOrdered {
                    out.write(marker[...], Theme.marker)
                    out.write(item.gap, .plain)
                }
                out.decorate(done ? Theme.taskDone : Theme.taskOpen, Theme.marker)
                out.decorate(" ", .plain)
            }
            InlineMarkdown.render(item.text, base: .plain, hyperlinks: hyperlinks, into: &out)
        } else {
            if indent == 0 { lists.end() }
            InlineMarkdown.render(line, base: .plain, hyperlinks: hyperlinks, into: &out)
        }
    }

    static func leadingSpaces(_ text: Substring) -> Int {
        text.utf8.prefix { $0 == UInt8(ascii: " ") }.count
    }

    static func isBlank(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// `#` to `######` followed by a blank or the end of the line.
    static func headingLevel(_ text: Substring) -> Int? {
        let level = text.utf8.prefix { $0 == UInt8(ascii: "#") }.count
        guard level >= 1, level <= 6 else { return nil }
        let after = text.utf8.dropFirst(level).first
        return after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") ? level : nil
    }

    /// A heading's text: blanks and a closing run of `#` taken off.
    private static func headingText(_ text: Substring) -> Substring {
        var text = trimmed(text)
        let closing = text.utf8.reversed().prefix { $0 == UInt8(ascii: "#") }.count
        if closing > 0 {
            let kept = text.droppingLastBytes(closing)
            if kept.isEmpty || kept.utf8.last == UInt8(ascii: " ") || kept.utf8.last == UInt8(ascii: "\t") {
                text = trimmed(kept)
            }
        }
        return text
    }

    /// Three or more of one of `-`, `*`, `_`, and blanks only besides.
    static func isRule(_ text: Substring) -> Bool {
        guard let marker = text.utf8.first,
            marker == UInt8(ascii: "-") || marker == UInt8(ascii: "*") || marker == UInt8(ascii: "_")
        else { return false }
        var count = 0
        for byte in text.utf8 {
            if byte == marker {
                count += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                return false
            }
        }
        return count >= 3
    }

    /// The text without blanks at either end.
    static func trimmed(_ text: Substring) -> Substring {
        let start = trimmedStart(text)
        return start.droppingLastBytes(start.utf8.reversed().prefix(while: isBlankByte).count)
    }

    /// The text without blanks at its start.
    static func trimmedStart(_ text: Substring) -> Substring {
        text.droppingBytes(text.utf8.prefix(while: isBlankByte).count)
    }

    private static func isBlankByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
