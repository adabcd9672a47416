/// How deep a list item is nested, from the indents of the items above it.
struct ListNesting: Sendable {
    private var indents: [Int] = []

    /// The depth (0 for the outermost list) of an item at this indent, in columns.
    mutating func depth(ofItemAt indent: Int) -> Int {
        while let last = indents.last, last > indent { indents.removeLast() }
        if indents.last != indent { indents.append(indent) }
        return indents.count - 1
    }

    /// A line that is neither an item nor inside one: the next item starts a new list.
    mutating func end() {
        indents.removeAll()
    }
}
