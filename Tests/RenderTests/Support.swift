@testable import Render

/// Escapes and line ends shown, for failure messages: ESC as ⎋, CR as ␍.
func visible(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\u{1B}": result += "⎋"
        case "\r": result += "␍"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Golden output written readably: ⎋ stands for ESC.
func golden(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars { result.unicodeScalars.append(scalar == "⎋" ? "\u{1B}" : scalar) }
    return result
}

let colored = TerminalStyle(color: true, hyperlinks: false)
let linked = TerminalStyle(color: true, hyperlinks: true)

/// A highlighter for tests, since the real one is written elsewhere: keywords bold blue,
/// string literals green, and `#` comments dim to the end of the line.
struct TestHighlighter: LineHighlighting {
    static func make(_ language: String) -> (any LineHighlighting)? {
        language == "python" || language == "py" ? TestHighlighter() : nil
    }

    mutating func highlight(_ line: Substring) -> String {
        var out = ""
        var word = ""
        var inString = false
        func flush() {
            if ["def", "return", "if", "for", "in", "import"].contains(word) {
                out += "\u{1B}[1;34m" + word + "\u{1B}[0m"
            } else {
                out += word
            }
            word = ""
        }
        for (offset, character) in line.enumerated() {
            if !inString, character == "#" {
                flush()
                out += "\u{1B}[2m" + String(line.dropFirst(offset)) + "\u{1B}[0m"
                return out
            }
            if character == "'" {
                flush()
                out += inString ? "'\u{1B}[0m" : "\u{1B}[32m'"
                inString.toggle()
            } else if character.isLetter, !inString {
                word.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out + (inString ? "\u{1B}[0m" : "")
    }
}

/// Renders a whole reply, fed in the given pieces.
func render(
    _ pieces: [String], style: TerminalStyle = colored, width: Int = 80, height: Int = 1000,
    highlighted: Bool = false
) -> String {
    var renderer =
        highlighted
        ? MarkdownRenderer(style: style, width: width, height: height, highlighter: TestHighlighter.make)
        : MarkdownRenderer(style: style, width: width, height: height, highlighter: { _ in nil })
    var out = ""
    for piece in pieces { out += renderer.feed(piece) }
    return out + renderer.finish()
}

/// The completed lines in output, as a terminal keeps them: text written since the last newline is
/// dropped wherever the renderer rewinds over it (`\r`, `ESC[nA`, `ESC[J`).
func committedLines(_ output: String) -> [String] {
    var lines: [String] = []
    var current = ""
    var scalars = Array(output.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
        if scalar == "\n" {
            lines.append(current)
            current = ""
        } else if scalar == "\r" {
            // A rewind: CR, maybe ESC[nA, then ESC[J.
            var rest = scalars
            if rest.starts(with: "\u{1B}[".unicodeScalars) {
                let digits = rest.dropFirst(2).prefix { ("0"..."9").contains($0) }
                if !digits.isEmpty, rest.dropFirst(2 + digits.count).first == "A" {
                    rest = rest.dropFirst(3 + digits.count)
                }
            }
            if rest.starts(with: "\u{1B}[J".unicodeScalars) {
                scalars = rest.dropFirst(3)
                current = ""
            } else {
                current.unicodeScalars.append(scalar)
            }
        } else {
            current.unicodeScalars.append(scalar)
        }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
}

/// A small fast generator, so that a failing seed can be run again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        // SplitMix64.
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The text cut into pieces of `shortest` to `longest` scalars at random places (CR LF may be cut too).
func randomPieces(_ text: String, seed: UInt64, shortest: Int = 1, longest: Int = 8) -> [String] {
    var generator = SeededGenerator(seed: seed)
    var pieces: [String] = []
    var scalars = Array(text.unicodeScalars)[...]
    while !scalars.isEmpty {
        let count = Int.random(in: shortest...longest, using: &generator)
        pieces.append(String(String.UnicodeScalarView(scalars.prefix(count))))
        scalars = scalars.dropFirst(count)
    }
    return pieces
}

/// Where two lists of lines first differ, for a failure message that fits on a screen.
func firstDifference(_ actual: [String], _ expected: [String]) -> String? {
    for index in 0..<max(actual.count, expected.count) {
        let left = index < actual.count ? actual[index] : "(none)"
        let right = index < expected.count ? expected[index] : "(none)"
        if left != right { return "line \(index): \(visible(left)) ≠ \(visible(right))" }
    }
    return nil
}

/// A long reply with every construct and one very long line, for the linearity tests and the benchmark's shape.
func longReply(sections: Int) -> String {
    var reply = ""
    for section in 0..<sections {
        reply +=
            "## Section \(section)\n\nSome **bold** text, some *italic* text, `code` and a [link](https://example.com/\(section)).\n"
        reply += "- item one\n- item two\n  - nested item with `code`\n- [x] done task\n\n"
        reply += "```python\ndef f\(section)(x):\n\treturn x * \(section)  # comment\n```\n\n"
        reply += "| name | value |\n|------|------:|\n| a\(section) | \(section) |\n| b | 漢字 |\n\n"
        reply += "> a quote with *style*\n\n---\n\n"
    }
    return reply
}
