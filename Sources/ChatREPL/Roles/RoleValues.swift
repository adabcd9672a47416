/// `NAME=VALUE`, as `-p` / `--param` and `/role NAME VAR=VALUE` take a role's variables.
public enum RoleValues {
    /// The name and the value (which may hold `=` and be empty), or nil when `text` is not
    /// `NAME=VALUE` with NAME letters, digits and `_`.
    public static func parse(_ text: String) -> (name: String, value: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let name = String(text[..<equals])
        guard RoleTemplate.isValidName(name) else { return nil }
        return (name, String(text[text.index(after: equals)...]))
    }

    /// Every `NAME=VALUE`, the last one winning for a name given twice; the first bad one is a
    /// usage error saying what is accepted.
    public static func parseAll(_ texts: [String], flag: String = "-p") throws(ParleyError) -> [String: String] {
        var values: [String: String] = [:]
        for text in texts {
            guard let (name, value) = parse(text) else {
                throw .usage("\(flag) takes NAME=VALUE (NAME: letters, digits and _), got '\(text)'")
            }
            values[name] = value
        }
        return values
    }
}
