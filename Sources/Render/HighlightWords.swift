/// A fixed set of words with a style each, looked up straight from UTF-8 bytes.
///
/// No string is made for a lookup: it is an open-addressing hash table over FNV-1a hashes of the
/// bytes, at most half full.
struct HighlightWords: Sendable {
    private struct Entry: Sendable {
        let start: Int
        let length: Int
        let style: HighlightStyle
    }

    private var slots: [Int32] = [-1]
    private var entries: [Entry] = []
    private var storage: [UInt8] = []
    private var longest = 0
    private let ignoresCase: Bool

    /// A set of words; a word in two groups keeps the first group's style, in the order of the parameters.
    init(
        keywords: [String] = [], constants: [String] = [], types: [String] = [], builtins: [String] = [],
        ignoringCase: Bool = false
    ) {
        ignoresCase = ignoringCase
        let groups: [(HighlightStyle, [String])] = [
            (.keyword, keywords), (.constant, constants), (.type, types), (.function, builtins),
        ]
        let total = groups.reduce(0) { $0 + $1.1.count }
        var size = 2
        while size < total * 2 + 1 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        for (style, words) in groups {
            for word in words { insert(Array(word.utf8), style) }
        }
    }

    /// The style of the word `text[start..<end]`, or nil when it is not in the set.
    func style(in text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> HighlightStyle? {
        let length = end - start
        guard length > 0, length <= longest, start >= 0, end <= text.count else { return nil }
        var slot = Int(hash(text, start, end)) & (slots.count - 1)
        while true {
            let found = Int(slots[slot])
            if found < 0 { return nil }
            let entry = entries[found]
            if entry.length == length, matches(entry, text, start) { return entry.style }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Whether the word `text[start..<end]` is in the set.
    func contains(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        style(in: text, from: start, to: end) != nil
    }

    private func fold(_ byte: UInt8) -> UInt8 {
        ignoresCase ? HighlightByte.folded(byte) : byte
    }

    private func hash(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for index in start..<end { hash = (hash ^ UInt32(fold(text[index]))) &* 16_777_619 }
        return hash
    }

    private func matches(_ entry: Entry, _ text: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        for offset in 0..<entry.length where fold(text[start + offset]) != storage[entry.start + offset] {
            return false
        }
        return true
    }

    private mutating func insert(_ word: [UInt8], _ style: HighlightStyle) {
        let word = word.map(fold)
        guard !word.isEmpty else { return }
        let known = word.withUnsafeBufferPointer { contains($0, from: 0, to: $0.count) }
        guard !known else { return }
        let slotHash = word.withUnsafeBufferPointer { hash($0, 0, $0.count) }
        var slot = Int(slotHash) & (slots.count - 1)
        while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
        slots[slot] = Int32(entries.count)
        entries.append(Entry(start: storage.count, length: word.count, style: style))
        storage.append(contentsOf: word)
        longest = max(longest, word.count)
    }
}
