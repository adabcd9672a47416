/// Text from outside (a reply, an error, a model name, a session title) made safe to print on a
/// terminal: every control, escape and bidi override is shown, never interpreted.
///
/// What is shown instead: C0 controls in caret notation (ESC `^[`, BEL `^G`, CR `^M`, NUL `^@`),
/// DEL as `^?`, C1 controls (U+0080–U+009F) and the bidi embeddings, overrides and isolates
/// (U+202A–U+202E, U+2066–U+2069) as `<U+009B>`. Newline and tab stay; CR LF becomes LF.
/// The left-to-right and right-to-left marks (U+200E, U+200F) stay: they cannot reorder text.
public enum SafeText {
    /// The text with every control, escape and bidi override made visible.
    public static func neutralized(_ text: String) -> String {
        needsWork(text.utf8) ? rewritten(text.utf8) : text
    }

    /// Same, for a Substring, fast path returning the input when clean.
    public static func neutralized(_ text: Substring) -> String {
        needsWork(text.utf8) ? rewritten(text.utf8) : String(text)
    }

    /// Whether one scalar is shown in another form.
    static func needsShowing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// What one scalar that needs showing looks like on screen.
    static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00..<0x20: return "^" + String(Character(Unicode.Scalar(UInt8(scalar.value + 0x40))))
        case 0x7F: return "^?"
        default:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
        }
    }

    // The scan works on UTF-8 bytes: every scalar that needs showing starts with a byte below
    // 0x20, 0x7F, 0xC2 (C1 controls are C2 80–C2 9F) or 0xE2 (the bidi controls), so clean text
    // costs one compare a byte.
    private static func needsWork<View: Collection<UInt8>>(_ bytes: View) -> Bool {
        if let found = bytes.withContiguousStorageIfAvailable({ buffer in scan(buffer) }) { return found }
        return scan(Array(bytes)[...])
    }

    private static func scan<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool
    where Bytes.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != 0x0A && byte != 0x09 { return true }
            } else if byte == 0x7F {
                return true
            } else if byte == 0xC2 || byte == 0xE2 {
                if flagged(bytes, at: index) { return true }
            }
            index += 1
        }
        return false
    }

    private static func flagged<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at index: Int) -> Bool
    where Bytes.Index == Int {
        let next = index + 1 < bytes.endIndex ? bytes[index + 1] : 0
        if bytes[index] == 0xC2 { return next >= 0x80 && next <= 0x9F }
        let last = index + 2 < bytes.endIndex ? bytes[index + 2] : 0
        return (next == 0x80 && last >= 0xAA && last <= 0xAE) || (next == 0x81 && last >= 0xA6 && last <= 0xA9)
    }

    private static func rewritten<View: Collection<UInt8>>(_ bytes: View) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        var scalars = text.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            if scalar == "\r", pending == "\n" { continue }  // CR LF is a line end, not a control
            if needsShowing(scalar) {
                result += shown(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
