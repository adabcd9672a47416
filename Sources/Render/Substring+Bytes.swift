extension Substring {
    /// The text after its first `count` UTF-8 bytes, which must end on a scalar (Markdown's syntax is ASCII).
    func droppingBytes(_ count: Int) -> Substring {
        self[utf8.index(startIndex, offsetBy: Swift.min(count, utf8.count))...]
    }

    /// The first `count` UTF-8 bytes of the text, which must end on a scalar.
    func prefixBytes(_ count: Int) -> Substring {
        self[..<utf8.index(startIndex, offsetBy: Swift.min(count, utf8.count))]
    }

    /// The text without its last `count` UTF-8 bytes, which must start on a scalar.
    func droppingLastBytes(_ count: Int) -> Substring {
        self[..<utf8.index(endIndex, offsetBy: -Swift.min(count, utf8.count))]
    }
}
