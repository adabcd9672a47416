/// Streams Markdown to terminal bytes, append-only.
///
/// A line, once complete, is styled once and written once, and never redrawn. While a line is
/// still open its text is shown as it comes, neutralised and unstyled; when its newline comes the
/// cursor goes back to where the line began (`\r`, then `ESC[nA` for the rows it has wrapped onto)
/// and `ESC[J` clears it for the styled line. When the styled line is what is already there (plain
/// prose, code that is not coloured) only the newline is written. So each piece costs the length of
/// the piece, and each line its length once more when it ends, however long the reply grows.
///
/// The rows an open line takes are counted from the display width of what was shown and the
/// terminal's width. A line taller than the terminal is left as shown (unstyled): its first rows
/// have scrolled out of reach. So is a line wrapped with an emoji sequence in it, whose width
/// terminals disagree on, and a line that wrapped when the terminal was resized (see `setSize`).
///
/// Table rows are held, not shown, until the table ends, and then printed aligned; so is a line
/// that may be a table's header, until the next line shows whether it is. The cursor is taken to
/// be at the start of a line when the reply begins. After `finish` the renderer starts afresh.
///
/// Without colour no escape byte is written at all: the text goes out as it comes, neutralised,
/// with its Markdown as it is.
public struct MarkdownRenderer: Sendable {
    /// What is done with the open line's text as it comes.
    private enum OpenLine: Sendable {
        /// Shown as it comes.
        case showing
        /// Not shown: a table row, printed with its table.
        case holding
        /// Not shown yet: it may still turn out to be a table row.
        case waiting
    }

    private let style: TerminalStyle
    private var width: Int
    private var height: Int
    private let makeHighlighter: @Sendable (String) -> (any LineHighlighting)?

    private var fence: Fence?
    private var highlighter: (any LineHighlighting)?
    private var table: Table?
    /// A complete line that may be a table's header, held until the next line says.
    private var header: String?
    private var lists = ListNesting()

    /// The open line's text as it came (CR LF and the newline aside).
    private var open = ""
    private var mode = OpenLine.waiting
    /// What is on the screen for the open line: its text so far, neutralised.
    private var shown = ""
    /// The end of a line that came with its newline, not yet written: it goes out as it is when the line
    /// needs no styling, and is never written when the line is rewritten anyway.
    private var tail = ""
    private var cursor: WrapTracker
    /// A CR ended the last piece: whether it is part of a CR LF is known with the next piece.
    private var pendingReturn = false
    /// The terminal was resized while the open line wrapped: it is finished as shown.
    private var frozen = false
    /// Without colour: whether the last byte written was a newline.
    private var endsWithNewline = true

    /// A renderer for a terminal of this many columns (a width below 1 is taken as 80) and 24 rows.
    public init(style: TerminalStyle, width: Int) {
        self.init(style: style, width: width, height: 24)
    }

    /// A renderer for a terminal of this many columns and rows (below 1: 80 columns, 24 rows).
    public init(style: TerminalStyle, width: Int, height: Int) {
        self.init(style: style, width: width, height: height) { SyntaxHighlighter(language: $0) }
    }

    init(
        style: TerminalStyle, width: Int, height: Int,
        highlighter: @escaping @Sendable (String) -> (any LineHighlighting)?
    ) {
        self.style = style
        self.width = width > 0 ? width : 80
        self.height = height > 0 ? height : 24
        self.makeHighlighter = highlighter
        self.cursor = WrapTracker(width: self.width)
    }

    /// The bytes to write now for this piece of the reply.
    public mutating func feed(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var text = text[...]
        var out = ""
        if pendingReturn {
            pendingReturn = false
            if text.utf8.first != 0x0A { add("\r", into: &out) }
        }
        if text.utf8.last == 0x0D {
            pendingReturn = true
            text = text.droppingLastBytes(1)
        }
        if style.color {
            while let newline = text.utf8.firstIndex(of: 0x0A) {
                let line = text[..<newline]
                add(line.utf8.last == 0x0D ? line.droppingLastBytes(1) : line, into: &out, completing: true)
                out += completeLine()
                text = text[text.utf8.index(after: newline)...]
            }
        }
        add(text, into: &out)
        return out
    }

    /// The reply is over: the open line (and any held table) is completed; the result ends with "\n" if anything
    /// was written.
    public mutating func finish() -> String {
        var out = ""
        if pendingReturn {
            pendingReturn = false
            add("\r", into: &out)
        }
        guard style.color else {
            if !endsWithNewline { out += "\n" }
            endsWithNewline = true
            return out
        }
        if !open.isEmpty { out += completeLine() }
        out += releaseHeader() + releaseTable()
        // A code block left open ends with the reply.
        fence = nil
        highlighter = nil
        lists.end()
        startLine()
        return out
    }

    /// The terminal was resized (SIGWINCH); returns bytes to write now (may be "").
    public mutating func setWidth(_ width: Int) -> String {
        setSize(width: width, height: height)
    }

    /// The terminal was resized to this many columns and rows; returns bytes to write now (may be "").
    ///
    /// An open line that has wrapped, or that no longer fits on one row, is not rewritten after a
    /// resize: it is finished as it was shown, unstyled. Terminals disagree on what a resize does to
    /// its rows: xterm keeps them as they were, most others wrap them again, and tmux then keeps the
    /// cursor on its row of the screen and pushes the rows above into the scrollback. The cursor
    /// cannot be sure to get back to the start of the line, and moving up too far would clear lines
    /// above it. A line on one row stays on that row everywhere, and is still rewritten.
    public mutating func setSize(width: Int, height: Int) -> String {
        let width = width > 0 ? width : 80
        self.height = height > 0 ? height : 24
        guard width != self.width else { return "" }
        self.width = width
        let before = cursor
        cursor = WrapTracker(width: width)
        cursor.advance(over: shown)
        if before.extraRows > 0 || !cursor.rowsAreCertain || cursor.extraRows > 0 { frozen = true }
        return ""
    }

    // MARK: The open line

    /// Adds a piece to the open line. When its newline came with it (`completing`), a line not yet on
    /// the screen is not shown at all, only written styled; a line already begun gets its tail.
    private mutating func add(_ piece: Substring, into out: inout String, completing: Bool = false) {
        guard !piece.isEmpty else { return }
        guard style.color else {
            let safe = SafeText.neutralized(piece)
            if let last = safe.utf8.last { endsWithNewline = last == 0x0A }
            out += safe
            return
        }
        open += piece
        if completing {
            if mode == .showing, !shown.isEmpty { tail = SafeText.neutralized(piece) }
            return
        }
        switch mode {
        case .showing: show(piece, into: &out)
        case .holding: break
        case .waiting: settle(piece, into: &out)
        }
    }

    private mutating func show(_ piece: Substring, into out: inout String) {
        let safe = SafeText.neutralized(piece)
        out += safe
        shown += safe
        cursor.advance(over: safe)
    }

    /// Decides, from the piece that just came, whether a waiting line is shown or held. Only the new
    /// piece is looked at, so a line that stays undecided for long still costs its length once.
    private mutating func settle(_ piece: Substring, into out: inout String) {
        if header != nil {
            if Table.mayBeDelimiter(piece) { return }
            out += releaseHeader()
            settle(open[...], into: &out)
            return
        }
        let blank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = piece.utf8.first(where: { !blank($0) }) else { return }
        if first == UInt8(ascii: "|") {
            mode = .holding
            return
        }
        out += releaseTable()
        mode = .showing
        show(open[...], into: &out)
    }

    // MARK: Complete lines

    private mutating func completeLine() -> String {
        let line = open[...]
        defer { startLine() }
        if let fence {
            if fence.isClosed(by: line) {
                self.fence = nil
                highlighter = nil
                return commit(framed(line, fence))
            }
            let code = SafeText.neutralized(fence.content(of: line))
            guard var highlighter else { return commit(code) }
            let coloured = highlighter.highlight(code[...])
            self.highlighter = highlighter
            // Code must copy exactly: a highlighter that changed more than colours is not believed.
            guard coloured != code, SGR.stripped(coloured) == code else { return commit(code) }
            return commit(coloured.hasSuffix(SGR.reset) ? coloured : coloured + SGR.reset)
        }
        // Lines that end a table or let a held header go are never on the screen: nothing to clear.
        var out = ""
        if var table {
            if table.isRow(line) {
                table.append(line)
                self.table = table
                return erase()
            }
            out += releaseTable()
        }
        if let header {
            self.header = nil
            if let table = Table(header: header[...], delimiter: line) {
                self.table = table
                return erase()
            }
            out += rendered(header[...]) + "\n"
        }
        if let opened = Fence(opening: line) {
            fence = opened
            highlighter = opened.language.isEmpty ? nil : makeHighlighter(opened.language)
            lists.end()
            return out + commit(framed(line, opened))
        }
        if Table.mayBeHeader(line), shown.isEmpty || canRewind {
            header = String(line)
            return out + erase()
        }
        return out + commit(rendered(line))
    }

    private mutating func startLine() {
        open = ""
        shown = ""
        tail = ""
        frozen = false
        cursor = WrapTracker(width: width)
        if fence != nil {
            mode = .showing
        } else if let table, !table.leadingPipe {
            mode = .holding  // only its end tells whether a line is a row of such a table
        } else {
            mode = .waiting
        }
    }

    /// The bytes that end the open line as `final`.
    private func commit(_ final: String) -> String {
        if shown.isEmpty { return final + "\n" }
        // Comparing the tail first: a line that needs no styling costs no more than its length.
        if !canRewind || (final.utf8.count == shown.utf8.count + tail.utf8.count && final == shown + tail) {
            return tail + "\n"
        }
        return rewind() + final + "\n"
    }

    /// The bytes that take the open line off the screen.
    private func erase() -> String {
        if shown.isEmpty { return "" }
        return canRewind ? rewind() : tail + "\n"
    }

    /// Whether the cursor can surely get back to the start of the open line: it is still on the screen,
    /// and the terminal cannot count its rows differently (moving up too far would clear a line above).
    private var canRewind: Bool { !frozen && cursor.rows <= height && cursor.rowsAreCertain }

    private func rewind() -> String {
        "\r" + (cursor.extraRows > 0 ? "\u{1B}[\(cursor.extraRows)A" : "") + "\u{1B}[J"
    }

    private mutating func rendered(_ line: Substring) -> String {
        ProseLine.render(line, hyperlinks: style.hyperlinks, width: width, lists: &lists)
    }

    private func framed(_ line: Substring, _ fence: Fence) -> String {
        var out = StyledText()
        out.write(fence.content(of: line), Theme.frame)
        return out.finished()
    }

    private mutating func releaseHeader() -> String {
        guard let header else { return "" }
        self.header = nil
        return rendered(header[...]) + "\n"
    }

    private mutating func releaseTable() -> String {
        guard let table else { return "" }
        self.table = nil
        return table.rendered(width: width, hyperlinks: style.hyperlinks)
    }
}
