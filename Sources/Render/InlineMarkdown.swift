/// Markdown's inline syntax on one line: code spans, emphasis, strikethrough, links, autolinks
/// and backslash escapes, rendered as styled text.
///
/// It follows CommonMark's rules (flanking delimiter runs, the rule of three, code spans before
/// everything else) within one line; emphasis does not span lines, since each line is rendered
/// once, when it is complete. Every pass is linear in the line's length, so that a very long line
/// costs no more than its length.
struct InlineMarkdown {
    private enum Emphasis: Sendable {
        case bold, italic, strike
    }

    private struct Delimiter {
        var marker: UInt8
        var original: Int
        var count: Int
        var canOpen: Bool
        var canClose: Bool
        /// Matched with a closer later on: opened after the literal markers that are left.
        var opens: [Emphasis] = []
        /// Matched with an opener before: closed before the literal markers that are left.
        var closes: [Emphasis] = []
    }

    private indirect enum Node {
        case text(Range<Int>)
        case code(Range<Int>)
        case delimiter(Int)
        case link(children: [Node], label: Range<Int>, url: String)
        case autolink(String)
    }

    private let bytes: [UInt8]
    private let hyperlinks: Bool
    private var delimiters: [Delimiter] = []
    /// Code spans by the index of their opening backticks: the content and the index after them.
    private var codeSpans: [Int: (content: Range<Int>, end: Int)] = [:]
    /// The matching `]` of each `[` that has one.
    private var brackets: [Int: Int] = [:]

    /// Links longer than this are left as text, which bounds the work a line of brackets can cause.
    private static let longestURL = 4096

    /// The line's inline Markdown rendered onto `out`, on top of `base`.
    static func render(_ line: Substring, base: Attributes, hyperlinks: Bool, into out: inout StyledText) {
        var parser = InlineMarkdown(bytes: Array(line.utf8), hyperlinks: hyperlinks)
        parser.findCodeSpans()
        parser.matchBrackets()
        let nodes = parser.parse(0..<parser.bytes.count)
        parser.emit(nodes, base: base, link: nil, into: &out)
    }

    private init(bytes: [UInt8], hyperlinks: Bool) {
        self.bytes = bytes
        self.hyperlinks = hyperlinks
    }

    // MARK: Code spans and brackets, found first for the whole line

    private mutating func findCodeSpans() {
        // Every maximal run of backticks, by length: a span closes at the next run of its opener's length.
        var runsByLength: [Int: [Int]] = [:]
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let length = runLength(at: index)
            runsByLength[length, default: []].append(index)
            index += length
        }
        guard !runsByLength.isEmpty else { return }
        var next: [Int: Int] = [:]  // per length, the first run not yet passed
        index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count, InlineMarkdown.isPunctuation(bytes[index + 1]) {
                index += 2
                continue
            }
            guard byte == UInt8(ascii: "`") else {
                index += 1
                continue
            }
            let length = runLength(at: index)
            let runs = runsByLength[length] ?? []
            var candidate = next[length] ?? 0
            while candidate < runs.count, runs[candidate] <= index { candidate += 1 }
            next[length] = candidate
            guard candidate < runs.count else {
                index += length
                continue
            }
            let close = runs[candidate]
            codeSpans[index] = (codeContent(index + length..<close), close + length)
            index = close + length
        }
    }

    /// CommonMark strips one space from each end of a code span that has one at both and is not all spaces.
    private func codeContent(_ range: Range<Int>) -> Range<Int> {
        guard range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: " "),
            bytes[range.upperBound - 1] == UInt8(ascii: " "),
            bytes[range].contains(where: { $0 != UInt8(ascii: " ") })
        else { return range }
        return range.lowerBound + 1..<range.upperBound - 1
    }

    private mutating func matchBrackets() {
        var open: [Int] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "`"):
                if let span = codeSpans[index] {
                    index = span.end
                    continue
                }
            case UInt8(ascii: "\\") where index + 1 < bytes.count && InlineMarkdown.isPunctuation(bytes[index + 1]):
                index += 1
            case UInt8(ascii: "["):
                open.append(index)
            case UInt8(ascii: "]"):
                if let start = open.popLast() { brackets[start] = index }
            default:
                break
            }
            index += 1
        }
    }

    // MARK: Nodes

    private mutating func parse(_ range: Range<Int>) -> [Node] {
        var nodes: [Node] = []
        var ids: [Int] = []
        var textStart = range.lowerBound
        var index = range.lowerBound
        func flush(_ nodes: inout [Node], upTo end: Int) {
            if textStart < end { nodes.append(.text(textStart..<end)) }
        }
        while index < range.upperBound {
            let byte = bytes[index]
            guard InlineMarkdown.isSpecial(byte) else {
                index += 1
                continue
            }
            var replaced: (node: Node, end: Int)?
            switch byte {
            case UInt8(ascii: "\\")
            where index + 1 < range.upperBound && InlineMarkdown.isPunctuation(bytes[index + 1]):
                replaced = (.text(index + 1..<index + 2), index + 2)
            case UInt8(ascii: "`"):
                if let span = codeSpans[index], span.end <= range.upperBound {
                    replaced = (.code(span.content), span.end)
                }
            case UInt8(ascii: "["):
                replaced = link(at: index, within: range)
            case UInt8(ascii: "!") where next(index) == UInt8(ascii: "["):
                replaced = link(at: index + 1, within: range)
            case UInt8(ascii: "<"):
                replaced = autolink(at: index, within: range).map { (.autolink($0.url), $0.end) }
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                let length = min(runLength(at: index), range.upperBound - index)
                if let delimiter = delimiter(at: index, length: length) {
                    replaced = (.delimiter(delimiters.count), index + length)
                    ids.append(delimiters.count)
                    delimiters.append(delimiter)
                } else {
                    index += length - 1  // a run that can neither open nor close is text, all of it
                }
            default:
                break
            }
            if let replaced {
                flush(&nodes, upTo: index)
                nodes.append(replaced.node)
                index = replaced.end
                textStart = index
            } else {
                // Backticks that open no span are text, all of them: none of the run may open one later.
                index += byte == UInt8(ascii: "`") ? runLength(at: index) : 1
            }
        }
        flush(&nodes, upTo: range.upperBound)
        matchEmphasis(ids)
        return nodes
    }

    private func next(_ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    private func runLength(at index: Int) -> Int {
        var end = index
        while end < bytes.count, bytes[end] == bytes[index] { end += 1 }
        return end - index
    }

    /// `[text](destination "title")` with its `[` at `open`: the node and the index after it.
    private mutating func link(at open: Int, within range: Range<Int>) -> (node: Node, end: Int)? {
        guard let close = brackets[open], close + 1 < range.upperBound, bytes[close + 1] == UInt8(ascii: "(") else {
            return nil
        }
        var index = skipBlanks(close + 2, range)
        let destination: Range<Int>
        if index < range.upperBound, bytes[index] == UInt8(ascii: "<") {
            var end = index + 1
            while end < range.upperBound, bytes[end] != UInt8(ascii: ">"), bytes[end] != UInt8(ascii: "<") { end += 1 }
            guard end < range.upperBound, bytes[end] == UInt8(ascii: ">") else { return nil }
            destination = index + 1..<end
            index = end + 1
        } else {
            var depth = 0
            var end = index
            scan: while end < range.upperBound {
                switch bytes[end] {
                case UInt8(ascii: "\\") where end + 1 < range.upperBound: end += 1
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"):
                    if depth == 0 { break scan }
                    depth -= 1
                case 0...0x20: break scan
                default: break
                }
                end += 1
                if end - index > InlineMarkdown.longestURL { return nil }
            }
            destination = index..<min(end, range.upperBound)
            index = destination.upperBound
        }
        index = skipBlanks(index, range)
        if index < range.upperBound, let closer = InlineMarkdown.titleCloser(bytes[index]),
            index > destination.upperBound
        {
            var end = index + 1
            while end < range.upperBound, bytes[end] != closer {
                end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
                if end - index > InlineMarkdown.longestURL { return nil }
            }
            guard end < range.upperBound else { return nil }
            index = skipBlanks(end + 1, range)
        }
        guard index < range.upperBound, bytes[index] == UInt8(ascii: ")") else { return nil }
        let label = open + 1..<close
        let node = Node.link(children: parse(label), label: label, url: unescaped(destination))
        return (node, index + 1)
    }

    private static func titleCloser(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""): UInt8(ascii: "\"")
        case UInt8(ascii: "'"): UInt8(ascii: "'")
        case UInt8(ascii: "("): UInt8(ascii: ")")
        default: nil
        }
    }

    private func skipBlanks(_ start: Int, _ range: Range<Int>) -> Int {
        var index = start
        while index < range.upperBound, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        return index
    }

    private func unescaped(_ range: Range<Int>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < range.upperBound,
                InlineMarkdown.isPunctuation(bytes[index + 1])
            {
                index += 1
            }
            result.append(bytes[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `<scheme:rest>`: the URL and the index after the `>`.
    private func autolink(at open: Int, within range: Range<Int>) -> (url: String, end: Int)? {
        var index = open + 1
        while index < range.upperBound, index - open <= 33,
            InlineMarkdown.isSchemeByte(bytes[index], first: index == open + 1)
        {
            index += 1
        }
        let schemeLength = index - open - 1
        guard schemeLength >= 2, schemeLength <= 32, index < range.upperBound, bytes[index] == UInt8(ascii: ":") else {
            return nil
        }
        while index < range.upperBound, index - open <= InlineMarkdown.longestURL {
            switch bytes[index] {
            case UInt8(ascii: ">"): return (String(decoding: bytes[open + 1..<index], as: UTF8.self), index + 1)
            case UInt8(ascii: "<"), 0...0x20, 0x7F: return nil
            default: index += 1
            }
        }
        return nil
    }

    private static func isSchemeByte(_ byte: UInt8, first: Bool) -> Bool {
        let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        if first { return letter }
        return letter || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    // MARK: Emphasis

    /// The delimiter run at `index`, or nil when it can neither open nor close (it is then text).
    private func delimiter(at index: Int, length: Int) -> Delimiter? {
        let marker = bytes[index]
        // GFM strikes through with one or two tildes; one alone is too often "about" (~5 min), so two only.
        if marker == UInt8(ascii: "~"), length != 2 { return nil }
        let before = index > 0 ? bytes[index - 1] : UInt8(ascii: " ")
        let after = index + length < bytes.count ? bytes[index + length] : UInt8(ascii: " ")
        let beforeSpace = InlineMarkdown.isWhitespace(before)
        let afterSpace = InlineMarkdown.isWhitespace(after)
        let beforePunctuation = InlineMarkdown.isPunctuation(before)
        let afterPunctuation = InlineMarkdown.isPunctuation(after)
        let left = !afterSpace && (!afterPunctuation || beforeSpace || beforePunctuation)
        let right = !beforeSpace && (!beforePunctuation || afterSpace || afterPunctuation)
        var canOpen = left
        var canClose = right
        if marker == UInt8(ascii: "_") {
            // snake_case_names are not emphasis.
            canOpen = left && (!right || beforePunctuation)
            canClose = right && (!left || afterPunctuation)
        }
        guard canOpen || canClose else { return nil }
        return Delimiter(marker: marker, original: length, count: length, canOpen: canOpen, canClose: canClose)
    }

    /// CommonMark's "process emphasis", over a doubly linked list so that each delimiter is passed
    /// over a bounded number of times.
    private mutating func matchEmphasis(_ ids: [Int]) {
        let count = ids.count
        guard count >= 2 else { return }
        var previous = Array(-1..<count - 1)
        var following = Array(1...count)
        var floors: [Int: Int] = [:]
        func unlink(_ position: Int) {
            if previous[position] >= 0 { following[previous[position]] = following[position] }
            if following[position] < count { previous[following[position]] = previous[position] }
        }
        var position = 0
        while position < count {
            let closer = delimiters[ids[position]]
            guard closer.canClose, closer.count > 0 else {
                position = following[position]
                continue
            }
            let key = Int(closer.marker) * 8 + (closer.canOpen ? 4 : 0) + closer.original % 3
            let floor = floors[key] ?? -1
            var candidate = previous[position]
            while candidate > floor {
                let opener = delimiters[ids[candidate]]
                if opener.marker == closer.marker, opener.canOpen, opener.count > 0,
                    !InlineMarkdown.ruleOfThree(opener, closer)
                {
                    break
                }
                candidate = previous[candidate]
            }
            guard candidate > floor else {
                floors[key] = previous[position]
                let after = following[position]
                if !closer.canOpen { unlink(position) }
                position = after
                continue
            }
            let opener = delimiters[ids[candidate]]
            let used = closer.marker == UInt8(ascii: "~") || (opener.count >= 2 && closer.count >= 2) ? 2 : 1
            let emphasis: Emphasis = closer.marker == UInt8(ascii: "~") ? .strike : used == 2 ? .bold : .italic
            delimiters[ids[candidate]].opens.insert(emphasis, at: 0)
            delimiters[ids[candidate]].count -= used
            delimiters[ids[position]].closes.append(emphasis)
            delimiters[ids[position]].count -= used
            // The delimiters between the two can no longer match anything.
            following[candidate] = position
            previous[position] = candidate
            if delimiters[ids[candidate]].count == 0 { unlink(candidate) }
            if delimiters[ids[position]].count == 0 {
                let after = following[position]
                unlink(position)
                position = after
            }
        }
    }

    private static func ruleOfThree(_ opener: Delimiter, _ closer: Delimiter) -> Bool {
        guard opener.marker != UInt8(ascii: "~"), opener.canClose || closer.canOpen else { return false }
        return (opener.original + closer.original) % 3 == 0 && !(opener.original % 3 == 0 && closer.original % 3 == 0)
    }

    // MARK: Output

    private func emit(_ nodes: [Node], base: Attributes, link: String?, into out: inout StyledText) {
        var bold = 0
        var italic = 0
        var strike = 0
        func current() -> Attributes {
            var attributes = base
            attributes.bold = attributes.bold || bold > 0
            attributes.italic = attributes.italic || italic > 0
            attributes.strike = attributes.strike || strike > 0
            return attributes
        }
        func count(_ emphasis: Emphasis, _ change: Int) {
            switch emphasis {
            case .bold: bold += change
            case .italic: italic += change
            case .strike: strike += change
            }
        }
        for node in nodes {
            switch node {
            case .text(let range):
                out.write(text(range), current(), link: link)
            case .code(let range):
                out.write(text(range), current().adding(Theme.code), link: link)
            case .delimiter(let id):
                let delimiter = delimiters[id]
                for emphasis in delimiter.closes { count(emphasis, -1) }
                if delimiter.count > 0 {
                    let marker = String(decoding: [delimiter.marker], as: UTF8.self)
                    out.decorate(String(repeating: marker, count: delimiter.count), current(), link: link)
                }
                for emphasis in delimiter.opens { count(emphasis, 1) }
            case .link(let children, let label, let url):
                let target = hyperlinks && !url.isEmpty ? StyledText.hyperlinkTarget(url) : link
                emit(children, base: current().adding(Theme.link), link: target, into: &out)
                // The address is always shown, so that the text of a link cannot hide where it goes.
                if !url.isEmpty, text(label) != url[...] {
                    out.decorate(" (", current().adding(Theme.url), link: nil)
                    out.write(url[...], current().adding(Theme.url), link: nil)
                    out.decorate(")", current().adding(Theme.url), link: nil)
                }
            case .autolink(let url):
                let target = hyperlinks ? StyledText.hyperlinkTarget(url) : link
                out.write(url[...], current().adding(Theme.link), link: target)
            }
        }
    }

    private func text(_ range: Range<Int>) -> Substring {
        String(decoding: bytes[range], as: UTF8.self)[...]
    }

    // MARK: Classes of bytes

    /// Whether a byte may start inline syntax; the parser passes over all others at once.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "!"), UInt8(ascii: "<"),
            UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    static func isPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
