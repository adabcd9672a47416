/// Where the cursor is after text that the terminal wraps at its width: how many rows down from
/// where the text began, and at which column.
///
/// It follows what terminals do: a character that does not fit on the row goes to the start of
/// the next one (a wide character at the last column leaves that column empty), and a row filled
/// to the last column leaves the cursor on that row until the next character comes. A tab moves
/// to the next multiple of eight, but never past the last column and never onto a new row.
struct WrapTracker: Sendable {
    let width: Int
    /// Rows below the first that the text reaches.
    private(set) var extraRows = 0
    /// Columns used on the last row; equal to `width` when the row is full.
    private(set) var column = 0
    /// Scalars that terminals disagree on: emoji sequences (joiners, presentation selectors, skin tones,
    /// flags) are one or two columns on one terminal and more on another.
    private(set) var uncertain = 0

    init(width: Int) {
        self.width = max(1, width)
    }

    /// How many rows the text takes in all.
    var rows: Int { extraRows + 1 }

    /// Whether every terminal puts the text on the same number of rows: no emoji sequence, or all of it
    /// on one row with room to spare for the widest reading of each.
    var rowsAreCertain: Bool { uncertain == 0 || (extraRows == 0 && column + 2 * uncertain <= width) }

    mutating func advance(over text: some StringProtocol) {
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                if column < width { column = min((column / 8 + 1) * 8, width - 1) }
                continue
            }
            if scalar.value >= 0x200D, WrapTracker.isUncertain(scalar.value) { uncertain += 1 }
            let columns = DisplayWidth.columns(of: scalar)
            guard columns > 0 else { continue }
            if column > 0, column + columns > width {
                extraRows += 1
                column = 0
            }
            column += columns
        }
    }

    private static func isUncertain(_ value: UInt32) -> Bool {
        switch value {
        case 0x200D, 0xFE0F, 0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF, 0xE0020...0xE007F: true
        default: false
        }
    }
}
