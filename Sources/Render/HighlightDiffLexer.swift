/// Lexes one line of a unified diff.
///
/// File headers are bold, hunk headers cyan, added lines green and removed lines red. Inside a
/// hunk the header's line counts decide, so a removed line that reads `--- x` is still a removed
/// line; outside one, the first bytes decide.
struct HighlightDiffLexer: HighlightLexer {
    let text: UnsafeBufferPointer<UInt8>
    var output: HighlightOutput
    var state: HighlightState

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState) {
        self.text = text
        self.state = state
        output = HighlightOutput(text: text)
    }

    mutating func run() {
        if case .diffHunk(let old, let new) = state.mode {
            state.mode = .normal
            if hunkLine(old: old, new: new) { return }
        }
        if has("@@", at: 0) {
            hunkHeader()
            return
        }
        let headers: [StaticString] = [
            "diff ", "index ", "--- ", "+++ ", "new file mode", "deleted file mode", "similarity index",
            "rename from", "rename to", "old mode", "new mode", "Binary files",
        ]
        if headers.contains(where: { has($0, at: 0) }) {
            paint(0, count, .fileHeader)
        } else if peek(0) == UInt8(ascii: "+") {
            paint(0, count, .inserted)
        } else if peek(0) == UInt8(ascii: "-") {
            paint(0, count, .deleted)
        }
    }

    /// A line within a hunk; false when the line cannot be one, so the hunk is over.
    private mutating func hunkLine(old: Int, new: Int) -> Bool {
        var old = old
        var new = new
        switch peek(0) {
        case UInt8(ascii: "-"):
            old -= 1
            paint(0, count, .deleted)
        case UInt8(ascii: "+"):
            new -= 1
            paint(0, count, .inserted)
        case UInt8(ascii: " "):
            old -= 1
            new -= 1
        case 0 where count == 0:
            old -= 1
            new -= 1
        case UInt8(ascii: "\\"):
            paint(0, count, .comment)  // \ No newline at end of file
        default:
            return false
        }
        if old > 0 || new > 0 { state.mode = .diffHunk(old: old, new: new) }
        return true
    }

    /// `@@ -a,b +c,d @@ context`: the part between the `@@`s cyan; b and d lines follow.
    private mutating func hunkHeader() {
        var close = 2
        while close < count, !has("@@", at: close) { close += 1 }
        paint(0, close < count ? close + 2 : count, .hunk)
        var position = skipBlanks(from: 2)
        guard peek(position) == UInt8(ascii: "-") else { return }
        position += 1
        guard let (_, oldCount, afterOld) = range(at: position) else { return }
        position = skipBlanks(from: afterOld)
        guard peek(position) == UInt8(ascii: "+"), let (_, newCount, _) = range(at: position + 1) else { return }
        if oldCount > 0 || newCount > 0 { state.mode = .diffHunk(old: oldCount, new: newCount) }
    }

    /// `start[,length]` at `position`, the length 1 when left out.
    private func range(at position: Int) -> (start: Int, length: Int, end: Int)? {
        guard let (start, afterStart) = integer(at: position) else { return nil }
        guard peek(afterStart) == UInt8(ascii: ",") else { return (start, 1, afterStart) }
        guard let (length, end) = integer(at: afterStart + 1) else { return nil }
        return (start, length, end)
    }

    private func integer(at position: Int) -> (value: Int, end: Int)? {
        var value = 0
        var end = position
        while HighlightByte.isDigit(peek(end)) {
            value = min(value * 10 + Int(text[end] - UInt8(ascii: "0")), 1_000_000_000)
            end += 1
        }
        return end > position ? (value, end) : nil
    }
}
