/// The placeholders of a role's text: `{{input}}` (or aichat's `__INPUT__`) where the user's
/// input goes, and `{{name}}` variables (letters, digits and `_`; spaces inside the braces are
/// allowed). Everything else in the text is kept byte for byte.
enum RoleTemplate {
    /// aichat's spelling of the input placeholder.
    static let aichatInput = "__INPUT__"
    static let input = "input"

    /// One piece of a role's text.
    enum Piece: Equatable {
        case text(Substring)
        /// `{{name}}`; `original` is how it was written, so an unfilled one can be kept as is.
        case variable(String, original: Substring)
        case input
    }

    /// The text cut into literal runs, variables and input placeholders, in order.
    static func pieces(of text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literalStart = text.startIndex
        var index = text.startIndex
        func flush(to end: String.Index) {
            if literalStart < end { pieces.append(.text(text[literalStart..<end])) }
        }
        while index < text.endIndex {
            let rest = text[index...]
            if rest.hasPrefix(aichatInput) {
                flush(to: index)
                pieces.append(.input)
                index = text.index(index, offsetBy: aichatInput.count)
                literalStart = index
            } else if rest.hasPrefix("{{"), let (name, end) = variable(in: text, at: index) {
                flush(to: index)
                pieces.append(name == input ? .input : .variable(name, original: text[index..<end]))
                index = end
                literalStart = index
            } else {
                index = text.index(after: index)
            }
        }
        flush(to: text.endIndex)
        return pieces
    }

    /// A `{{ name }}` starting at `start`: the name and where it ends, or nil.
    private static func variable(in text: String, at start: String.Index) -> (String, String.Index)? {
        var index = text.index(start, offsetBy: 2)
        func skipSpaces() {
            while index < text.endIndex, text[index] == " " { index = text.index(after: index) }
        }
        skipSpaces()
        let nameStart = index
        while index < text.endIndex, isNameCharacter(text[index]) { index = text.index(after: index) }
        guard nameStart < index else { return nil }
        let name = String(text[nameStart..<index])
        skipSpaces()
        guard text[index...].hasPrefix("}}") else { return nil }
        return (name, text.index(index, offsetBy: 2))
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    /// Whether `name` can be a variable's name.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy(isNameCharacter)
    }

    /// Whether the text has a place for the user's input.
    static func hasInput(_ text: String) -> Bool {
        pieces(of: text).contains(.input)
    }

    /// The variables the text uses, each once, in order of first use.
    static func variables(in text: String) -> [String] {
        var seen: Set<String> = []
        return pieces(of: text).compactMap { piece in
            guard case .variable(let name, _) = piece, seen.insert(name).inserted else { return nil }
            return name
        }
    }

    /// The text with every variable that has a value filled in; input placeholders are kept
    /// (written as `{{input}}`), and so are variables without a value.
    static func fill(_ text: String, values: [String: String]) -> String {
        var result = ""
        for piece in pieces(of: text) {
            switch piece {
            case .text(let literal): result += literal
            case .variable(let name, let original): result += values[name] ?? String(original)
            case .input: result += "{{input}}"
            }
        }
        return result
    }

    /// The template with the user's input in every input placeholder. The input itself is never
    /// read for placeholders, and variables left in the template are kept as written.
    static func placeInput(_ input: String, in template: String) -> String {
        var result = ""
        for piece in pieces(of: template) {
            switch piece {
            case .text(let literal): result += literal
            case .variable(_, let original): result += original
            case .input: result += input
            }
        }
        return result
    }
}
