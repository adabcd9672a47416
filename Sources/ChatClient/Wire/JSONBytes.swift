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
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let control = (word &- ones &* 0x20) & ~word
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        return (control | quoteZero | backslashZero) & highs != 0
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
