/// Finding the fenced code blocks of a whole reply, for `/copy N` and `--extract`.
public enum CodeBlocks {
    /// The fenced code blocks of the Markdown, in order. A block's content is the exact text of the lines between
    /// its fences (with the fence's own indent taken off each, as Markdown does inside a list item), joined by "\n"
    /// without a final newline; CR LF line ends count as LF. A fence still open at the end closes there.
    public static func extract(from markdown: String) -> [CodeBlock] {
        var blocks: [CodeBlock] = []
        var open: Fence?
        var content: [Substring] = []
        for line in lines(of: markdown) {
            if let fence = open {
                if fence.isClosed(by: line) {
                    blocks.append(CodeBlock(language: fence.language, content: content.joined(separator: "\n")))
                    open = nil
                } else {
                    content.append(fence.content(of: line))
                }
            } else if let fence = Fence(opening: line) {
                open = fence
                content = []
            }
        }
        if let fence = open {
            // A reply that ends with its last code line and a newline has no last empty line in the block.
            if content.last?.isEmpty == true, markdown.utf8.last == 0x0A { content.removeLast() }
            blocks.append(CodeBlock(language: fence.language, content: content.joined(separator: "\n")))
        }
        return blocks
    }

    /// The lines of a text without their line ends. Split on bytes: "\r\n" is one Character.
    static func lines(of text: String) -> [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            let end = line.last == 0x0D ? text.utf8.index(before: line.endIndex) : line.endIndex
            return text[line.startIndex..<end]
        }
    }
}
