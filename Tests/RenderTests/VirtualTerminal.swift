import Render

/// Just enough of a terminal to see what output looks like: printable text with auto-wrap at a
/// width, `\n` (as the tty sends it: CR LF), `\r`, `\t`, `ESC[nA`, `ESC[J`, `ESC[K`; SGR and OSC 8
/// are kept with each cell so that screens compare by look too. Anything else is a problem.
///
/// Like a real terminal it has a screen of `height` rows at the bottom of its scrollback, and the
/// cursor cannot move above it. A resize reflows wrapped rows, as most terminals do today, and like
/// tmux keeps the cursor on its row of the screen, pushing rows above into the scrollback; or, like
/// xterm (`reflows: false`), keeps the rows as they are and cuts them at the new width.
struct VirtualTerminal {
    /// One column of a row.
    enum Cell: Equatable {
        /// A character (with any zero-width scalars after it), its look and link.
        case glyph(String, width: Int, look: String, link: String)
        /// The right half of a wide character.
        case continuation
        /// Never written.
        case blank
        /// Left empty where a wide character did not fit and went to the next row.
        case gap
    }

    private(set) var width: Int
    let height: Int
    private var rows: [[Cell]] = [[]]
    /// Whether each row goes on in the next one (auto-wrapped).
    private var wrapped: [Bool] = [false]
    private var row = 0
    /// The column the next character goes to; `width` when the last one filled the row.
    private var column = 0
    /// The first row of the screen: the cursor never goes above it.
    private var top = 0
    private var look = ""
    private var link = ""
    /// Everything it did not understand or that a terminal would interpret as a control.
    private(set) var problems: [String] = []

    let reflows: Bool

    init(width: Int, height: Int = 1000, reflows: Bool = true) {
        self.width = width
        self.height = height
        self.reflows = reflows
    }

    /// The rows, scrollback and screen, as text without trailing blanks.
    var lines: [String] {
        var result = rows.map { cells in
            var text = ""
            for cell in cells {
                switch cell {
                case .glyph(let glyph, _, _, _): text += glyph
                case .blank, .gap: text += " "
                case .continuation: break
                }
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        while result.count > 1, result.last == "" { result.removeLast() }
        return result
    }

    /// The lines as written, wrapped rows joined again, without trailing blanks.
    var logicalLines: [String] {
        var result: [String] = []
        var current = ""
        for (index, cells) in rows.enumerated() {
            for cell in cells {
                switch cell {
                case .glyph(let glyph, _, _, _): current += glyph
                case .blank: current += " "
                case .gap, .continuation: break
                }
            }
            if wrapped[index], index < rows.count - 1 { continue }
            while current.last == " " { current.removeLast() }
            result.append(current)
            current = ""
        }
        while result.count > 1, result.last == "" { result.removeLast() }
        return result
    }

    /// The rows with the look of every cell, to compare styled screens.
    var styledLines: [String] {
        rows.map { cells in
            cells.map { cell in
                if case .glyph(let glyph, _, let look, let link) = cell { return "\(glyph){\(look)|\(link)}" }
                return cell == .continuation ? "" : " "
            }.joined()
        }
    }

    mutating func feed(_ output: String) {
        var scalars = Array(output.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\u{1B}": escape(&scalars)
            case "\n":
                lineFeed()
                column = 0
            case "\r": column = 0
            case "\t":
                if column < width { column = min((column / 8 + 1) * 8, width - 1) }
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
                    || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
                {
                    problems.append("control U+\(String(scalar.value, radix: 16)) written")
                } else {
                    put(scalar)
                }
            }
        }
    }

    /// The window now has this many columns: wrapped rows are joined and wrapped again.
    mutating func resize(width newWidth: Int) {
        let screenRow = row - top
        guard reflows else {
            width = newWidth
            for index in rows.indices where rows[index].count > width { rows[index].removeSubrange(width...) }
            column = min(column, width)
            return
        }
        var logical: [[Cell]] = []
        var cursorLine = 0
        var cursorOffset = 0
        var current: [Cell] = []
        for (index, cells) in rows.enumerated() {
            if index == row {
                cursorLine = logical.count
                cursorOffset = current.count + column
            }
            current += cells.filter { $0 != .gap }
            if index < rows.count - 1, wrapped[index] { continue }
            logical.append(current)
            current = []
        }
        width = newWidth
        rows = []
        wrapped = []
        var cursorRow = 0
        var cursorColumn = 0
        for (index, cells) in logical.enumerated() {
            rows.append([])
            wrapped.append(false)
            row = rows.count - 1
            column = 0
            var offset = 0
            for cell in cells {
                if index == cursorLine, offset == cursorOffset { (cursorRow, cursorColumn) = (row, column) }
                switch cell {
                case .glyph(_, let cellWidth, _, _): place(cell, width: cellWidth)
                case .blank: place(.blank, width: 1)
                case .continuation, .gap: break
                }
                offset += cell == .gap ? 0 : 1
            }
            if index == cursorLine, offset <= cursorOffset {
                (cursorRow, cursorColumn) = (row, min(column + cursorOffset - offset, width))
            }
        }
        row = cursorRow
        column = cursorColumn
        top = max(0, row - screenRow)
    }

    // MARK: Writing

    private mutating func put(_ scalar: Unicode.Scalar) {
        let cellWidth = DisplayWidth.columns(of: scalar)
        guard cellWidth > 0 else {
            attachZeroWidth(scalar)
            return
        }
        place(.glyph(String(scalar), width: cellWidth, look: look, link: link), width: cellWidth)
    }

    private mutating func place(_ cell: Cell, width cellWidth: Int) {
        if column > 0, column + cellWidth > width {
            while rows[row].count < width { rows[row].append(rows[row].count >= column ? .gap : .blank) }
            wrapped[row] = true
            lineFeed()
            column = 0
        }
        set(cell, at: column)
        if cellWidth == 2 { set(.continuation, at: column + 1) }
        column += cellWidth
    }

    private mutating func set(_ cell: Cell, at index: Int) {
        while rows[row].count <= index { rows[row].append(.blank) }
        rows[row][index] = cell
    }

    private mutating func attachZeroWidth(_ scalar: Unicode.Scalar) {
        var index = min(column, rows[row].count) - 1
        while index >= 0, rows[row][index] == .continuation { index -= 1 }
        guard index >= 0, case .glyph(let glyph, let cellWidth, let look, let link) = rows[row][index] else { return }
        rows[row][index] = .glyph(glyph + String(scalar), width: cellWidth, look: look, link: link)
    }

    private mutating func lineFeed() {
        row += 1
        if row == rows.count {
            rows.append([])
            wrapped.append(false)
        }
        top = max(top, row - height + 1)
    }

    // MARK: Escapes

    private mutating func escape(_ scalars: inout ArraySlice<Unicode.Scalar>) {
        switch scalars.popFirst() {
        case "[":
            var parameters = ""
            while let next = scalars.first, next.value >= 0x30, next.value <= 0x3F {
                parameters.unicodeScalars.append(next)
                scalars.removeFirst()
            }
            guard let final = scalars.popFirst() else { return problems.append("cut CSI") }
            control(parameters, final)
        case "]":
            var body = ""
            while let next = scalars.popFirst() {
                if next == "\u{07}" { break }
                if next == "\u{1B}", scalars.first == "\\" {
                    scalars.removeFirst()
                    break
                }
                body.unicodeScalars.append(next)
            }
            guard body.hasPrefix("8;") else { return problems.append("OSC \(body)") }
            link = String(body.drop { $0 != ";" }.dropFirst().drop { $0 != ";" }.dropFirst())
        case let other:
            problems.append("ESC \(other.map { String($0) } ?? "at the end")")
        }
    }

    private mutating func control(_ parameters: String, _ final: Unicode.Scalar) {
        switch final {
        case "m":
            if parameters.isEmpty || parameters == "0" {
                look = ""
            } else if parameters.hasPrefix("0;") {
                look = String(parameters.dropFirst(2))
            } else {
                look = look.isEmpty ? parameters : look + ";" + parameters
            }
        case "A":
            row = max(top, row - (Int(parameters) ?? 1))
            column = min(column, width - 1)
        case "J" where parameters.isEmpty || parameters == "0":
            clearRow(from: min(column, width - 1))
            rows.removeSubrange(row + 1..<rows.count)
            wrapped.removeSubrange(row + 1..<wrapped.count)
        case "K" where parameters.isEmpty || parameters == "0":
            clearRow(from: min(column, width - 1))
        default:
            problems.append("CSI \(parameters)\(final)")
        }
    }

    private mutating func clearRow(from index: Int) {
        if rows[row].count > index { rows[row].removeSubrange(index...) }
        wrapped[row] = false
    }
}
