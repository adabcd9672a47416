/// Splits a command's argument into words as a shell would for plain cases: spaces separate,
/// single or double quotes keep spaces in, a backslash keeps the next character as it is.
enum ArgumentWords {
    struct UnclosedQuote: Error {}

    static func split(_ text: String) throws(UnclosedQuote) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
            } else if character == "\\" {
                escaped = true
                inWord = true
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped { throw UnclosedQuote() }
        if inWord { words.append(current) }
        return words
    }
}
