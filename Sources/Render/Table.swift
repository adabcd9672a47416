/// A GFM pipe table, held row by row while it streams and printed whole when it ends, with its
/// columns aligned by display width.
///
/// A table ends at the first line that is not a row: with rows that start with `|` (as replies
/// nearly always write them), a line that starts with anything else; otherwise a line with no `|`.
/// (GFM would also take a following paragraph line as a row; a reply never means that.)
struct Table: Sendable {
    enum Alignment: Sendable {
        case left, center, right
    }

    private(set) var lines: [String]
    private let alignments: [Alignment]
    /// Whether the header row starts with `|`: then every row must.
    let leadingPipe: Bool

    /// A table from its header row and the delimiter row below it, or nil when they make none.
    init?(header: Substring, delimiter: Substring) {
        guard let alignments = Table.alignments(delimiter), alignments.count == Table.cells(header).count else {
            return nil
        }
        self.lines = [String(header), String(delimiter)]
        self.alignments = alignments
        self.leadingPipe = ProseLine.trimmedStart(header).utf8.first == UInt8(ascii: "|")
    }

    /// Whether a line outside any block could be a table's header: a paragraph line with a `|`.
    static func mayBeHeader(_ line: Substring) -> Bool {
        let indent = ProseLine.leadingSpaces(line)
        let rest = line.droppingBytes(indent)
        guard indent <= 3, rest.utf8.first != UInt8(ascii: ">"), ProseLine.headingLevel(rest) == nil,
            ListItem(rest) == nil, Fence(opening: line) == nil
        else { return false }
        return hasPipe(line)
    }

    /// Whether the line is the next row of this table.
    func isRow(_ line: Substring) -> Bool {
        if ProseLine.isBlank(line) { return false }
        if leadingPipe { return ProseLine.trimmedStart(line).utf8.first == UInt8(ascii: "|") }
        return Table.hasPipe(line)
    }

    mutating func append(_ row: Substring) {
        lines.append(String(row))
    }

    /// Whether text may still grow into a delimiter row: only `|`, `:`, `-` and blanks.
    static func mayBeDelimiter(_ text: Substring) -> Bool {
        text.utf8.allSatisfy {
            $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: " ")
                || $0 == UInt8(ascii: "\t")
        }
    }

    /// The whole table, each line ending in "\n": boxed and aligned when it fits the width, else its
    /// Markdown rows as they came (neutralised), so that nothing is ever cut off.
    func rendered(width: Int, hyperlinks: Bool) -> String {
        let header = Table.cells(lines[0][...])
        let body = lines.dropFirst(2).map { Table.cells($0[...]) }
        let count = max(alignments.count, body.map(\.count).max() ?? 0)
        func styled(_ cells: [Substring], _ attributes: Attributes) -> [StyledText] {
            (0..<count).map { column in
                var out = StyledText()
                if column < cells.count {
                    // A tab has no width of its own in a cell: it would break the alignment.
                    var text = ""
                    for scalar in cells[column].unicodeScalars {
                        text.unicodeScalars.append(scalar == "\t" ? " " : scalar)
                    }
                    InlineMarkdown.render(text[...], base: attributes, hyperlinks: hyperlinks, into: &out)
                }
                return out
            }
        }
        let rows = [styled(header, Theme.tableHeader)] + body.map { styled($0, .plain) }
        var widths = [Int](repeating: 1, count: count)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.columns) }
        }
        let total = widths.reduce(0, +) + 3 * count + 1
        guard total <= width else {
            return lines.map { SafeText.neutralized($0) + "\n" }.joined()
        }
        func border(_ left: String, _ middle: String, _ right: String) -> String {
            let line = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
            return SGR.change(from: .plain, to: Theme.frame) + line + SGR.reset + "\n"
        }
        let bar = SGR.change(from: .plain, to: Theme.frame) + "│" + SGR.reset
        func line(_ row: [StyledText]) -> String {
            var text = bar
            for (column, cell) in row.enumerated() {
                let room = widths[column] - cell.columns
                let alignment = column < alignments.count ? alignments[column] : .left
                let before = alignment == .right ? room : alignment == .center ? room / 2 : 0
                text += String(repeating: " ", count: 1 + before) + cell.finished()
                text += String(repeating: " ", count: room - before + 1) + bar
            }
            return text + "\n"
        }
        var out = border("┌", "┬", "┐") + line(rows[0]) + border("├", "┼", "┤")
        for row in rows.dropFirst() { out += line(row) }
        return out + border("└", "┴", "┘")
    }

    /// The cells of a row: split at each `|` that is not escaped, blanks trimmed, the outer pipes dropped.
    static func cells(_ row: Substring) -> [Substring] {
        let row = ProseLine.trimmed(row)
        var cells: [Substring] = []
        var start = row.startIndex
        var escaped = false
        for index in row.utf8.indices {
            let byte = row.utf8[index]
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                cells.append(row[start..<index])
                start = row.utf8.index(after: index)
            }
        }
        let last = row[start...]
        if !(ProseLine.isBlank(last) && !cells.isEmpty && !escaped && row.utf8.last == UInt8(ascii: "|")) {
            cells.append(last)
        }
        if row.utf8.first == UInt8(ascii: "|"), !cells.isEmpty { cells.removeFirst() }
        return cells.map { ProseLine.trimmed($0) }
    }

    private static func hasPipe(_ line: Substring) -> Bool {
        var escaped = false
        for byte in line.utf8 {
            if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "|") {
                return true
            }
        }
        return false
    }

    /// The alignments of a delimiter row like `| :-- | :-: | --: |`, or nil when it is not one.
    private static func alignments(_ row: Substring) -> [Alignment]? {
        guard mayBeDelimiter(row), hasPipe(row) else { return nil }
        var alignments: [Alignment] = []
        for cell in cells(row) {
            let bytes = Array(cell.utf8)
            let left = bytes.first == UInt8(ascii: ":")
            let right = bytes.count > 1 && bytes.last == UInt8(ascii: ":")
            let dashes = bytes.dropFirst(left ? 1 : 0).dropLast(right ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == UInt8(ascii: "-") }) else { return nil }
            alignments.append(left && right ? .center : right ? .right : .left)
        }
        return alignments.isEmpty ? nil : alignments
    }
}
