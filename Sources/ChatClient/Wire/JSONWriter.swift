/// A fast writer of JSON text, byte for byte what `JSONEncoder` writes with keys sorted and
/// slashes unescaped: compact (`[.sortedKeys, .withoutEscapingSlashes]`) or pretty
/// (`.prettyPrinted` too: two-space indents, `" : "`, an empty container as `[`, a blank line
/// and `]`). Keys sort by their UTF-8 bytes; strings escape `"`, `\` and control characters
/// (`\b \t \n \f \r` by name, the others as `\u00xx`) and nothing else; numbers are written as
/// `Double.description` without a trailing `.0`.
///
/// Values are written in order with `beginObject`, `key`, `endObject` and their array
/// counterparts, or a whole `JSONValue` at once; the text grows in `bytes`.
public struct JSONWriter {
    /// A number that JSON cannot hold (NaN, an infinity): `JSONEncoder` throws on it too.
    public struct InvalidNumber: Error, Sendable, Equatable {
        public let value: Double
    }

    /// The text written so far.
    public private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    /// For each container open, how many members or elements it has so far.
    private var counts: [Int] = []

    public init(pretty: Bool, capacity: Int = 0) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
        counts.reserveCapacity(8)
    }

    // MARK: - Containers

    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        counts.append(0)
    }

    /// The next member's key, with the comma and the line break before it when due.
    public mutating func key(_ name: String) {
        nextItem()
        string(name)
        if pretty {
            bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    public mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        counts.append(0)
    }

    /// Called before each element of an array: the comma and the line break when due.
    public mutating func nextElement() {
        nextItem()
    }

    public mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    private mutating func nextItem() {
        if let last = counts.indices.last {
            if counts[last] > 0 { bytes.append(UInt8(ascii: ",")) }
            counts[last] += 1
        }
        if pretty { newLine() }
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.popLast() ?? 0
        if pretty {
            // JSONEncoder leaves a blank line inside an empty container.
            if count == 0 { bytes.append(0x0A) }
            newLine()
        }
        bytes.append(bracket)
    }

    private mutating func newLine() {
        bytes.append(0x0A)
        for _ in 0..<counts.count { bytes.append(contentsOf: [0x20, 0x20]) }
    }

    // MARK: - Scalars

    public mutating func null() {
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func bool(_ value: Bool) {
        if value { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
    }

    /// An integer, as `JSONEncoder` writes an `Int`.
    public mutating func integer(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A `Double` as `JSONEncoder` writes it: its description, less a trailing `.0`.
    public mutating func number(_ value: Double) throws(InvalidNumber) {
        guard value.isFinite else { throw InvalidNumber(value: value) }
        if value == value.rounded(.towardZero), abs(value) < 1e15, value != 0 || value.sign == .plus {
            integer(Int(value))
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A string, quoted and escaped as `JSONEncoder` escapes it.
    public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            var ascii = true  // not needed here: a String is valid UTF-8
            while index < utf8.count {
                // Sixteen, then eight bytes at a time while none needs escaping.
                index = JSONBytes.skipPlain16(utf8, from: index, ascii: &ascii)
                guard index < utf8.count else { break }
                if utf8.count - index >= 8, !JSONBytes.needsAttention(JSONBytes.word(utf8, at: index)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index - 1 {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<(index - 1)]))
                }
                runStart = index
                appendEscape(byte)
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        let named: UInt8? =
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte
            case 0x08: UInt8(ascii: "b")
            case 0x09: UInt8(ascii: "t")
            case 0x0A: UInt8(ascii: "n")
            case 0x0C: UInt8(ascii: "f")
            case 0x0D: UInt8(ascii: "r")
            default: nil
            }
        bytes.append(UInt8(ascii: "\\"))
        if let named {
            bytes.append(named)
            return
        }
        bytes.append(contentsOf: "u00".utf8)
        bytes.append(Self.hexDigit(byte >> 4))
        bytes.append(Self.hexDigit(byte & 0x0F))
    }

    /// A lowercase hex digit, as `JSONEncoder` writes `\u001f`.
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    // MARK: - Values

    /// A whole value; an object's keys in the order of their UTF-8 bytes, as `JSONEncoder` sorts.
    public mutating func value(_ value: JSONValue) throws(InvalidNumber) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .number(let number): try self.number(number)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements {
                nextElement()
                try self.value(element)
            }
            endArray()
        case .object(let members):
            beginObject()
            for (name, member) in Self.sorted(members) {
                key(name)
                try self.value(member)
            }
            endObject()
        }
    }

    /// An object's members in the order `JSONEncoder` writes them with `.sortedKeys`.
    public static func sorted(_ members: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// A value as compact text.
    public static func compact(_ value: JSONValue) throws(InvalidNumber) -> [UInt8] {
        var writer = JSONWriter(pretty: false)
        try writer.value(value)
        return writer.bytes
    }

    /// A value as pretty text.
    public static func pretty(_ value: JSONValue) throws(InvalidNumber) -> [UInt8] {
        var writer = JSONWriter(pretty: true)
        try writer.value(value)
        return writer.bytes
    }
}
