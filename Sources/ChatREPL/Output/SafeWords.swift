/// Text that came from outside (a server's model names, a session's title) made safe to
/// print on a terminal: controls, escapes and bidi overrides are shown, never interpreted.
public enum SafeWords {
    public static func shown(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsShowing) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsShowing(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar.value {
            case 0x00..<0x20: result += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: result += "^?"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            }
        }
        return result
    }

    /// C0 controls but newline and tab, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
    static func needsShowing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
