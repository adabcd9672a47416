/// Select Graphic Rendition: the `ESC [ params m` sequences that set colour and weight.
public enum SGR {
    /// The text without SGR sequences (ESC [ params m), for tests and for copy.
    public static func stripped(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(0x1B) else { return text }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let end = sequenceEnd(bytes, at: index) {
                index = end
            } else {
                kept.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// The index after the SGR sequence that starts at `index`, or nil when none starts there.
    static func sequenceEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard bytes[index] == 0x1B, index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "[") else { return nil }
        var cursor = index + 2
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "m") { return cursor + 1 }
            guard (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: ";") else {
                return nil
            }
            cursor += 1
        }
        return nil
    }

    /// The sequence that sets exactly these attributes, given the ones in force before.
    static func change(from old: Attributes, to new: Attributes) -> String {
        if new == old { return "" }
        if new.isEmpty { return reset }
        return "\u{1B}[" + (old.isEmpty ? "" : "0;") + new.parameters + "m"
    }

    static let reset = "\u{1B}[0m"
}
