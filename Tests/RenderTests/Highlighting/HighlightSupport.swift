import Render

/// The SGR parameters behind each name of the golden notation.
///
/// `«name»` is `ESC[…m`, `«»` is the reset `ESC[0m` and `«/name»` is a reset and a colour in one,
/// `ESC[0;…m`. Names are roles; roles with the same look share parameters.
let styleCodes: [String: String] = [
    "kw": "35", "tag": "35", "ty": "33", "meta": "33", "attr": "33", "sel": "33", "fn": "34", "key": "34",
    "num": "36", "con": "36", "var": "36", "hunk": "36", "ent": "36", "str": "32", "add": "32", "com": "2",
    "dim": "2", "red": "31", "del": "31", "re": "31", "bold": "1", "head": "1;34",
]

/// The one name `describe` gives each parameter list.
let canonicalNames: [String: String] = [
    "35": "kw", "33": "ty", "34": "fn", "36": "num", "32": "str", "2": "com", "31": "red", "1": "bold", "1;34": "head",
]

/// The exact highlighted line that the golden notation `template` stands for.
func expand(_ template: String) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "«") {
        result += rest[..<open]
        guard let close = rest[open...].firstIndex(of: "»") else { break }
        var name = rest[rest.index(after: open)..<close]
        var parameters = ""
        if name.first == "/" {
            parameters = "0;"
            name = name.dropFirst()
        }
        parameters += name.isEmpty ? "0" : styleCodes[String(name)] ?? "?\(name)"
        result += "\u{1B}[\(parameters)m"
        rest = rest[rest.index(after: close)...]
    }
    return result + rest
}

/// A highlighted line in the golden notation, for reading and for failure messages.
func describe(_ line: String) -> String {
    var result = ""
    var scalars = line.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        guard scalar == "\u{1B}" else {
            result.unicodeScalars.append(scalar)
            continue
        }
        _ = scalars.next()
        var parameters = ""
        while let next = scalars.next(), next != "m" { parameters.unicodeScalars.append(next) }
        if parameters == "0" {
            result += "«»"
        } else if parameters.hasPrefix("0;") {
            let colour = String(parameters.dropFirst(2))
            result += "«/\(canonicalNames[colour] ?? "?" + colour)»"
        } else {
            result += "«\(canonicalNames[parameters] ?? "?" + parameters)»"
        }
    }
    return result
}

/// What a checked line of output is: its text without SGR sequences, and what is wrong with it.
struct Stripped {
    var text: [UInt8] = []
    var problems: [String] = []
}

/// Removes every SGR sequence and notes what is wrong with the line.
///
/// Wrong are an escape that is not SGR, a code outside the palette and a colour still on at the end.
func stripSGR(_ line: String) -> Stripped {
    let allowed: Set<String> = ["0", "1", "2", "3", "22", "23", "39"]
    var result = Stripped()
    let bytes = Array(line.utf8)
    var index = 0
    var colourOn = false
    while index < bytes.count {
        guard bytes[index] == 0x1B else {
            result.text.append(bytes[index])
            index += 1
            continue
        }
        guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") else {
            result.problems.append("a lone ESC at byte \(index)")
            index += 1
            continue
        }
        var end = index + 2
        while end < bytes.count, bytes[end] == UInt8(ascii: ";") || (0x30...0x39).contains(bytes[end]) { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "m") else {
            result.problems.append("an escape that is not SGR at byte \(index)")
            index += 1
            continue
        }
        let parameters = String(decoding: bytes[index + 2..<end], as: UTF8.self)
        for code in parameters.split(separator: ";", omittingEmptySubsequences: false) {
            let code = String(code)
            let colour = Int(code).map { (30...37).contains($0) || (90...97).contains($0) } ?? false
            if !colour, !allowed.contains(code) { result.problems.append("SGR code \(code) is not in the palette") }
        }
        colourOn = parameters != "0"
        index = end + 1
    }
    if colourOn { result.problems.append("a colour is still on at the end of the line") }
    return result
}

/// Highlights `lines` one after another with one highlighter, as a code block is.
func highlight(_ language: String, _ lines: [String]) -> [String]? {
    guard var highlighter = SyntaxHighlighter(language: language) else { return nil }
    return lines.map { highlighter.highlight($0[...]) }
}
