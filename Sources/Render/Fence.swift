/// The opening line of a fenced code block: ``` or ~~~, three or more, with an info string.
struct Fence: Sendable, Equatable {
    /// "`" or "~".
    var marker: UInt8
    /// How many markers opened it: a closing fence needs at least as many.
    var length: Int
    /// Spaces before the opening fence; as many are taken off each code line (a block inside a list item).
    var indent: Int
    /// Everything after the markers, trimmed.
    var info: String

    /// The info string's first word, the name of the language.
    var language: String {
        String(info.unicodeScalars.prefix { $0 != " " && $0 != "\t" })
    }

    /// The fence that this line opens, or nil when it opens none.
    init?(opening line: Substring) {
        let bytes = line.utf8
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        let rest = bytes.dropFirst(indent)
        guard let marker = rest.first, marker == UInt8(ascii: "`") || marker == UInt8(ascii: "~") else { return nil }
        let length = rest.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        let info = rest.dropFirst(length)
        // ```foo``` is inline code, not a fence: a backtick fence's info string has no backtick.
        if marker == UInt8(ascii: "`"), info.contains(marker) { return nil }
        self.marker = marker
        self.length = length
        self.indent = indent
        self.info = Fence.trimmed(String(decoding: info, as: UTF8.self))
    }

    /// Whether this line closes the block: the same marker, at least as many, nothing after but blanks.
    func isClosed(by line: Substring) -> Bool {
        let bytes = line.utf8
        let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
        guard indent <= self.indent + 3 else { return false }
        let rest = bytes.dropFirst(indent)
        let count = rest.prefix { $0 == marker }.count
        guard count >= length else { return false }
        return rest.dropFirst(count).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// A code line as the model meant it: up to `indent` leading spaces taken off, nothing else changed.
    func content(of line: Substring) -> Substring {
        let spaces = min(indent, line.utf8.prefix { $0 == UInt8(ascii: " ") }.count)
        return line[line.utf8.index(line.startIndex, offsetBy: spaces)...]
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }),
            let last = scalars.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[first...last])
    }
}
