/// Checks renderer output for anything a terminal would interpret other than the renderer's own
/// styling: SGR (`ESC[…m`), the cursor moves of a rewrite (`ESC[nA`, `ESC[J`), and OSC 8 links
/// with a printable ASCII target. Every other escape, control or bidi override is a violation.
enum OutputAudit {
    static func violations(in output: String) -> [String] {
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

    /// The index after one of the renderer's own sequences starting at `index`, or nil.
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
