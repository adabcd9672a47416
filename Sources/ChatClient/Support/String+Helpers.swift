extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    package var strippedOfWhitespace: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace || first.isNewline { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace || last.isNewline { slice.removeLast() }
        return String(slice)
    }

    /// Equal but for ASCII case, as HTTP header names compare.
    package func equalsIgnoringCase(_ other: some StringProtocol) -> Bool {
        lowercased() == other.lowercased()
    }

    /// Whether the text holds `needle`, compared byte by byte. For header values: the standard
    /// library's `contains(_:)` on strings builds a searcher whose first use costs a
    /// protocol-conformance scan of the whole binary (a tenth of a millisecond per run).
    package func containsBytes(_ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        var text = String(self)
        return text.withUTF8 { bytes in
            guard bytes.count >= count else { return false }
            return needle.withUTF8Buffer { needle in
                (0...(bytes.count - count)).contains { start in
                    (0..<count).allSatisfy { bytes[start + $0] == needle[$0] }
                }
            }
        }
    }

    /// The text without its trailing line ends.
    package var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return String(text)
    }

    /// `%40` → `@`, for credentials written into a URL; nil when an escape is malformed or the
    /// result is not UTF-8.
    package var percentDecoded: String? {
        var bytes: [UInt8] = []
        var iterator = Array(utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension Array where Element == String {
    /// The strings with `separator` between them, as `joined(separator:)` gives them; a loop
    /// of our own, as the standard library's first `joined` costs a conformance scan.
    package func joined(by separator: String) -> String {
        var text = ""
        for (index, element) in enumerated() {
            if index > 0 { text += separator }
            text += element
        }
        return text
    }
}
