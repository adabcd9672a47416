/// A list item's line after its indent: `- text`, `1. text`, `- [ ] task`, `- [x] done`.
struct ListItem: Sendable {
    /// `-`, `*`, `+`, or the number and its `.` or `)`.
    var marker: Substring
    var isOrdered: Bool
    /// The blanks between the marker and the text, kept as they came.
    var gap: Substring
    /// nil for an item that is no task, else whether it is done.
    var task: Bool?
    var text: Substring

    init?(_ line: Substring) {
        let bytes = Array(line.utf8.prefix(12))
        guard let first = bytes.first else { return nil }
        var length: Int
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            length = 1
            isOrdered = false
        } else {
            let digits = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            guard digits >= 1, digits <= 9, digits < bytes.count,
                bytes[digits] == UInt8(ascii: ".") || bytes[digits] == UInt8(ascii: ")")
            else { return nil }
            length = digits + 1
            isOrdered = true
        }
        marker = line.prefixBytes(length)
        let rest = line.droppingBytes(length)
        let blanks = rest.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        // "-foo" and "1.5" are no items; a marker alone at the end of the line is one.
        guard blanks > 0 || rest.isEmpty else { return nil }
        gap = rest.prefixBytes(blanks)
        text = rest.droppingBytes(blanks)
        task = nil
        let box = Array(text.utf8.prefix(4))
        if box.count >= 3, box[0] == UInt8(ascii: "["), box[2] == UInt8(ascii: "]"),
            box.count == 3 || box[3] == UInt8(ascii: " ") || box[3] == UInt8(ascii: "\t")
        {
            switch box[1] {
            case UInt8(ascii: " "): task = false
            case UInt8(ascii: "x"), UInt8(ascii: "X"): task = true
            default: break
            }
            if task != nil { text = ProseLine.trimmedStart(text.droppingBytes(3)) }
        }
    }
}
