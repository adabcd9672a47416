/// A lexer for one line.
///
/// It reads the line's bytes, paints styled spans into its output and updates the state carried
/// to the next line.
protocol HighlightLexer {
    var text: UnsafeBufferPointer<UInt8> { get }
    var output: HighlightOutput { get set }
    var state: HighlightState { get set }

    init(language: HighlightLanguage, text: UnsafeBufferPointer<UInt8>, state: HighlightState)

    /// Lexes the whole line.
    mutating func run()
}

extension HighlightLexer {
    /// The length of the line in bytes.
    var count: Int { text.count }

    /// The byte at `index`, or 0 outside the line.
    func peek(_ index: Int) -> UInt8 {
        index >= 0 && index < text.count ? text[index] : 0
    }

    /// Whether `literal` appears at `index`.
    func has(_ literal: [UInt8], at index: Int) -> Bool {
        guard index >= 0, literal.count <= text.count - index else { return false }
        for offset in 0..<literal.count where text[index + offset] != literal[offset] { return false }
        return true
    }

    /// Whether `literal` appears at `index`, optionally ignoring ASCII case.
    func has(_ literal: StaticString, at index: Int, ignoringCase: Bool = false) -> Bool {
        literal.withUTF8Buffer { literal in
            guard index >= 0, literal.count <= text.count - index else { return false }
            for offset in 0..<literal.count {
                let byte = text[index + offset]
                guard byte == literal[offset] || (ignoringCase && HighlightByte.folded(byte) == literal[offset])
                else { return false }
            }
            return true
        }
    }

    /// Whether `text[start..<end]` is `word`, optionally ignoring ASCII case (`word` in lower case then).
    func spells(_ word: StaticString, from start: Int, to end: Int, ignoringCase: Bool = false) -> Bool {
        end - start == word.utf8CodeUnitCount && has(word, at: start, ignoringCase: ignoringCase)
    }

    /// The first index from `index` on that is not a blank.
    func skipBlanks(from index: Int) -> Int {
        var index = max(index, 0)
        while index < text.count, HighlightByte.isBlank(text[index]) { index += 1 }
        return index
    }

    /// The end of the identifier that goes on from `index`.
    func identifierEnd(from index: Int) -> Int {
        var index = max(index, 0)
        while index < text.count, HighlightByte.isIdentifier(text[index]) { index += 1 }
        return index
    }

    /// Where the first `terminator` from `index` on ends, or the line's end and false.
    func scanLiteral(_ terminator: [UInt8], from index: Int) -> (end: Int, closed: Bool) {
        guard let first = terminator.first else { return (min(max(index, 0), count), true) }
        var index = max(index, 0)
        while index < text.count {
            if text[index] == first, has(terminator, at: index) { return (index + terminator.count, true) }
            index += 1
        }
        return (text.count, false)
    }

    /// A copy of `text[start..<end]`.
    func bytes(from start: Int, to end: Int) -> [UInt8] {
        let start = min(max(start, 0), count)
        return Array(UnsafeBufferPointer(rebasing: text[start..<min(max(end, start), count)]))
    }

    /// Paints `text[start..<end]` in `style`.
    mutating func paint(_ start: Int, _ end: Int, _ style: HighlightStyle) {
        output.paint(start, end, style)
    }
}
