/// The renderer's own look: which attributes each kind of Markdown gets.
enum Theme {
    static let heading1 = Attributes(bold: true, underline: true, color: 35)
    static let heading2 = Attributes(bold: true, color: 35)
    static let heading = Attributes(bold: true)
    static let code = Attributes(color: 36)
    static let link = Attributes(underline: true, color: 34)
    static let url = Attributes(dim: true)
    static let marker = Attributes(color: 33)
    static let quoteBar = Attributes(color: 90)
    /// Rules, fence lines and table borders: there to be seen, not read.
    static let frame = Attributes(dim: true)
    static let tableHeader = Attributes(bold: true)

    /// Bullets by nesting depth, repeating after the last.
    static let bullets = ["•", "◦", "▪"]
    static let taskOpen = "☐"
    static let taskDone = "☑"
    static let quoteMark = "│ "
    static let ruleCharacter = "─"
    /// A rule is as wide as the terminal, up to this.
    static let ruleMaximum = 80
}
