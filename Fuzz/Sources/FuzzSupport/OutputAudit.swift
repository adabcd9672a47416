/// Checks terminal output for anything a terminal would interpret other than Parley's own
/// styling: SGR (`ESC[…m`), the cursor moves of a rewrite (`ESC[nA`, `ESC[J`) and OSC 8 links
/// with a printable ASCII target. (The idea of Tests/RenderTests/OutputAudit.swift.)
public enum OutputAudit {
    public static func violations(in output: String) -> [String] {
        var found: [String] = []
        let scalars = Array(output.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let value = scalar.value
            if scalar == "\u{1B}" {
                if let end = ownSequenceEnd(scalars, index) {
                    index = end
                    continue
                }
                let context = String(String.UnicodeScalarView(scalars[index..<min(index + 12, scalars.count)]))
                found.append("escape at \(index): \(visible(context))")
            } else if (value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t")
                || (value >= 0x7F && value < 0xA0)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            {
                found.append("control U+\(String(value, radix: 16)) at \(index)")
            }
            index += 1
        }
        return found
    }

    private static func ownSequenceEnd(_ scalars: [Unicode.Scalar], _ index: Int) -> Int? {
        guard index + 2 < scalars.count else { return nil }
        if scalars[index + 1] == "[" {
            var cursor = index + 2
            var parameters = ""
            while cursor < scalars.count, ("0"..."9").contains(scalars[cursor]) || scalars[cursor] == ";" {
                parameters.unicodeScalars.append(scalars[cursor])
                cursor += 1
            }
            guard cursor < scalars.count else { return nil }
            switch scalars[cursor] {
            case "m": return cursor + 1
            case "A" where !parameters.isEmpty && !parameters.contains(";"): return cursor + 1
            case "J" where parameters.isEmpty: return cursor + 1
            default: return nil
            }
        }
        let prefix: [Unicode.Scalar] = ["]", "8", ";", ";"]
        guard index + 5 < scalars.count, Array(scalars[index + 1..<index + 5]) == prefix else { return nil }
        var cursor = index + 5
        while cursor < scalars.count, scalars[cursor].value > 0x20, scalars[cursor].value < 0x7F { cursor += 1 }
        guard cursor + 1 < scalars.count, scalars[cursor] == "\u{1B}", scalars[cursor + 1] == "\\" else { return nil }
        return cursor + 2
    }
}

/// A highlighted line without its SGR sequences, and what is wrong with it (the idea of
/// Tests/RenderTests/Highlighting/HighlightSupport.swift).
public struct Stripped {
    public var text: [UInt8] = []
    public var problems: [String] = []
}

public func stripSGR(_ line: String) -> Stripped {
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
