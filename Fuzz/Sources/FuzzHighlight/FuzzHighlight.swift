// SyntaxHighlighter for every language over the input's lines, one highlighter per language so
// state carries across lines: stripping the SGR must give back each line exactly, with only
// palette codes and every colour off at the end. Lines are given both as the renderer gives
// them (SafeText.neutralized) and raw when they hold no ESC.
import FuzzSupport
import Render

let languages = [
    "sh", "console", "python", "javascript", "json", "yaml", "toml", "go", "rust", "c", "java", "kotlin", "swift",
    "sql", "diff", "dockerfile", "html", "css", "scss",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let safeLines = lines.map { SafeText.neutralized($0) }
    for language in languages {
        guard var highlighter = SyntaxHighlighter(language: language) else {
            fuzzFailure("no highlighter for \(language)")
        }
        for line in safeLines {
            let coloured = highlighter.highlight(line[...])
            let stripped = stripSGR(coloured)
            fuzzCheck(
                stripped.text == Array(line.utf8),
                "\(language) changed \(visible(line)) into \(visible(coloured))")
            fuzzCheck(stripped.problems.isEmpty, "\(language): \(stripped.problems) in \(visible(coloured))")
        }
        if !text.utf8.contains(0x1B) {
            guard var raw = SyntaxHighlighter(language: language) else { continue }
            for line in lines {
                let coloured = raw.highlight(line)
                let stripped = stripSGR(coloured)
                fuzzCheck(
                    stripped.text == Array(line.utf8),
                    "\(language) changed raw \(visible(String(line))) into \(visible(coloured))")
                fuzzCheck(stripped.problems.isEmpty, "\(language): \(stripped.problems) in \(visible(coloured))")
            }
        }
    }
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzHighlight", fuzz) }
}
