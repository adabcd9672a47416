/// Tests on eight bytes of JSON text at once, for the reader and writer of strings: most of a
/// conversation is text without a quote, a backslash or a control character, and is skipped
/// (or copied) a word at a time.
enum JSONBytes {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any of the eight bytes is a quote, a backslash or below 0x20 (the bytes a string
    /// cannot hold as they are). Exact: the classic "has a zero byte" and "has a byte less
    /// than n" tests, which never miss and, asked about the word as a whole, never err.
    static func needsAttention(_ word: UInt64) -> Bool {
        attention(word) != 0
    }

    /// The high bit of each byte that may need attention (exactly: see `needsAttention`).
    @inline(__always)
    private static func attention(_ word: UInt64) -> UInt64 {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs
    }

    /// Steps over plain bytes (none a quote, a backslash or below 0x20) sixteen at a time, as two
    /// words tested together: the index of the first sixteen that are not all plain, or of the
    /// last fewer than sixteen. `ascii` turns false when a byte stepped over is not ASCII.
    @inline(__always)
    static func skipPlain16(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, ascii: inout Bool) -> Int {
        guard let base = buffer.baseAddress else { return start }
        var index = start
        var high: UInt64 = 0
        while buffer.count - index >= 16 {
            let first = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let second = UnsafeRawPointer(base + index + 8).loadUnaligned(as: UInt64.self)
            if attention(first) | attention(second) != 0 { break }
            high |= first | second
            index += 16
        }
        if high & highs != 0 { ascii = false }
        return index
    }

    /// Whether any of the eight bytes is not ASCII.
    static func hasNonASCII(_ word: UInt64) -> Bool {
        word & highs != 0
    }

    /// The eight bytes at `offset` (which must leave eight in the buffer), in memory order.
    static func word(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        guard let base = buffer.baseAddress else { return 0 }
        return UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }
}
