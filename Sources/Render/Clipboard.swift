/// Copying to the user's clipboard through the terminal, which works over SSH too.
public enum Clipboard {
    /// The OSC 52 sequence that asks the terminal to copy the text (base64, BEL-terminated; wrapped for tmux when
    /// `tmux` is true: ESC Ptmux; ... ESC \).
    public static func osc52(_ text: String, tmux: Bool) -> String {
        let sequence = "\u{1B}]52;c;" + base64(Array(text.utf8)) + "\u{07}"
        guard tmux else { return sequence }
        // tmux passes a DCS through to the outer terminal when every ESC inside it is doubled.
        var doubled = ""
        for scalar in sequence.unicodeScalars {
            if scalar == "\u{1B}" { doubled.unicodeScalars.append(scalar) }
            doubled.unicodeScalars.append(scalar)
        }
        return "\u{1B}Ptmux;" + doubled + "\u{1B}\\"
    }

    /// Standard base64 (RFC 4648) with padding.
    static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let first = UInt32(bytes[index])
            let second = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let third = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let group = first << 16 | second << 8 | third
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(index + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
