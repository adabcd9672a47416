// MarkdownRenderer fed the input (UTF-8, decoded leniently) in data-derived chunks, at a
// data-derived width, colour and links on or off: its output may hold no escape, control or
// bidi override but its own. SafeText.neutralized must leave none at all.
import FuzzSupport
import Render

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = pointer
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)

    let safe = SafeText.neutralized(text)
    for scalar in safe.unicodeScalars {
        let value = scalar.value
        let bad =
            (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        fuzzCheck(!bad, "SafeText.neutralized left U+\(String(value, radix: 16)) in \(visible(safe))")
    }
    let safeSub = SafeText.neutralized(text[...])
    fuzzCheck(safeSub == safe, "SafeText.neutralized differs for String and Substring")

    guard size >= 2 else { return 0 }
    let width = 8 + Int(bytes[0]) % 150
    let flags = bytes[1]
    let style = TerminalStyle(color: flags & 1 != 0, hyperlinks: flags & 2 != 0)
    let chunk = 1 + Int(flags >> 2)
    var renderer = MarkdownRenderer(style: style, width: width, height: 5 + Int(bytes[0]) % 40)
    let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[2...]), as: UTF8.self)
    var output = ""
    var piece = ""
    var count = 0
    var resized = false
    for scalar in body.unicodeScalars {
        piece.unicodeScalars.append(scalar)
        count += 1
        if count == chunk {
            output += renderer.feed(piece)
            piece = ""
            count = 0
            if !resized, flags & 0x80 != 0, output.count > 40 {
                output += renderer.setWidth(width / 2 + 4)
                resized = true
            }
        }
    }
    output += renderer.feed(piece)
    output += renderer.finish()
    let problems = OutputAudit.violations(in: output)
    fuzzCheck(problems.isEmpty, "renderer output has \(problems.prefix(5)) in \(visible(output))")
    return 0
}

@main struct Main {
    static func main() { fuzzMain("FuzzRender", fuzz) }
}
